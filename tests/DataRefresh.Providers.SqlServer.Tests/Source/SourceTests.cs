using DataRefresh.Core.Errors;
using DataRefresh.Providers.SqlServer.Source;
using DataRefresh.Providers.SqlServer.Target;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataRefresh.Providers.SqlServer.Tests.Source;

public sealed class SourceTests
{
    [Fact]
    public void A_login_that_would_read_masked_placeholders_is_stopped_naming_the_columns()
    {
        string[] masked = ["crm.Customers.Email", "crm.Customers.Phone"];

        var refusal = DynamicDataMasking.Refusal("prod", masked, canUnmask: false);

        Assert.NotNull(refusal);
        Assert.Equal(ExitCodes.Configuration, refusal.ExitCode);
        Assert.Contains("crm.Customers.Email, crm.Customers.Phone", refusal.Message);
        Assert.Contains("UNMASK", refusal.Message);
        Assert.Null(DynamicDataMasking.Refusal("prod", masked, canUnmask: true));
        Assert.Null(DynamicDataMasking.Refusal("prod", [], canUnmask: false));
    }

    [Fact]
    public void A_long_list_of_masked_columns_is_shortened_with_a_count()
    {
        var masked = Enumerable.Range(1, 14).Select(index => $"dbo.t.c{index}").ToList();

        var refusal = DynamicDataMasking.Refusal("prod", masked, canUnmask: false)!;

        Assert.Contains("dbo.t.c10 and 4 more", refusal.Message);
        Assert.DoesNotContain("c11", refusal.Message);
    }

    [Theory]
    [InlineData(null, "Snapshot")]
    [InlineData("", "Snapshot")]
    [InlineData("snapshot", "Snapshot")]
    [InlineData("DatabaseSnapshot", "DatabaseSnapshot")]
    [InlineData("perTable", "PerTable")]
    public void Consistency_modes_are_read_by_name(string? text, string expected) => Assert.Equal(expected, SqlServerConsistencyModes.Parse(text)?.ToString());

    [Theory]
    [InlineData("serializable")]
    [InlineData("1")]
    public void An_unknown_consistency_mode_is_not_read_as_any(string text) => Assert.Null(SqlServerConsistencyModes.Parse(text));

    [Fact]
    public void Only_the_database_snapshot_and_per_table_modes_read_in_parallel_and_each_says_its_guarantee()
    {
        Assert.Equal(1, SqlServerConsistencyModes.ConsistentReaders(SqlServerConsistency.Snapshot, 4));
        Assert.Equal(4, SqlServerConsistencyModes.ConsistentReaders(SqlServerConsistency.DatabaseSnapshot, 4));
        Assert.Equal(4, SqlServerConsistencyModes.ConsistentReaders(SqlServerConsistency.PerTable, 4));
        Assert.Contains("not at one point in time", SqlServerConsistencyModes.Guarantee(SqlServerConsistency.PerTable));
        Assert.Contains("one point in time", SqlServerConsistencyModes.Guarantee(SqlServerConsistency.Snapshot));
    }

    [Fact]
    public void Every_source_statement_parses_and_only_the_database_snapshot_writes()
    {
        string[] reads = [SourceSql.SnapshotIsolationState, SourceSql.BeginSnapshot, SourceSql.MaskedColumns, SourceSql.CanUnmask, SourceSql.Identity, SourceSql.DataFiles("crm]x"), SourceSql.Collation, SourceSql.CanSelect, SourceSql.DataSize, SourceSql.Encrypted, SourceSql.LeftoverSnapshots];
        foreach (var sql in reads)
        {
            Assert.All(TSql.Statements(sql), statement => Assert.IsNotType<InsertStatement>(statement));
        }

        var create = Assert.IsType<CreateDatabaseStatement>(Assert.Single(TSql.Statements(
            SourceSql.CreateDatabaseSnapshot("crm__dr_snapshot_r1", "crm", [("crm_data", "/var/opt/mssql/data/crm_data_r1.ss"), ("crm_2", "/data/it's.ss")]))));
        Assert.Equal("crm", create.DatabaseSnapshot.Value);
        Assert.Equal(2, create.FileGroups[0].FileDeclarations.Count);
        Assert.IsType<DropDatabaseStatement>(Assert.Single(TSql.Statements(SourceSql.DropDatabaseSnapshot("crm__dr_snapshot_r1"))));
    }

    [Fact]
    public void The_target_lock_is_a_session_application_lock_taken_without_waiting()
    {
        var statements = TSql.Statements(TargetLockSql.TryLock);
        var take = statements.OfType<ExecuteStatement>().Single();

        Assert.Contains("@LockOwner = N'Session'", TargetLockSql.TryLock);
        Assert.Contains("@LockTimeout = 0", TargetLockSql.TryLock);
        Assert.NotNull(take);
        TSql.Parse(TargetLockSql.Unlock);
        Assert.Equal(TargetLockSql.Resource("Staging"), TargetLockSql.Resource("STAGING"));
    }
}
