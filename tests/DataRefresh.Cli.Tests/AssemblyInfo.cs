using DataRefresh.Testing;

[assembly: AssemblyFixture(typeof(PostgreSqlServerFixture))]
