using DataRefresh.Core.Errors;
using DataRefresh.Providers.SqlServer.Errors;

namespace DataRefresh.Providers.SqlServer.Tests.Errors;

/// <summary>
/// Messages as SQL Server formats them (its documented message texts, sys.messages), each carrying a value that must not
/// come out: "4111-1111" stands for a row value, "s3cret" for a user name.
/// </summary>
public sealed class SqlServerErrorsTests
{
    private const string Secret = "4111-1111";

    public static TheoryData<int, string, int, string> Documented => new()
    {
        { 2627, $"Violation of PRIMARY KEY constraint 'PK_customers'. Cannot insert duplicate key in object 'dbo.customers'. The duplicate key value is ({Secret}).", ExitCodes.RefreshFailed, "duplicate key in dbo.customers: primary key constraint PK_customers" },
        { 2627, $"Violation of UNIQUE KEY constraint 'UQ_email'. Cannot insert duplicate key in object 'sales.customers'. The duplicate key value is ({Secret}, x).", ExitCodes.RefreshFailed, "unique key constraint UQ_email" },
        { 2601, $"Cannot insert duplicate key row in object 'dbo.customers' with unique index 'IX_card'. The duplicate key value is ({Secret}).", ExitCodes.RefreshFailed, "unique index IX_card" },
        { 2628, $"String or binary data would be truncated in table 'staging.dbo.customers', column 'card'. Truncated value: '{Secret}'.", ExitCodes.RefreshFailed, "too long for column card of staging.dbo.customers" },
        { 245, $"Conversion failed when converting the varchar value '{Secret}' to data type int.", ExitCodes.RefreshFailed, "a varchar value (not shown) could not be converted to int" },
        { 547, "The INSERT statement conflicted with the FOREIGN KEY constraint \"FK_orders_customers\". The conflict occurred in database \"staging\", table \"dbo.customers\", column 'id'.", ExitCodes.RefreshFailed, "conflicted with foreign key constraint FK_orders_customers on dbo.customers, column id" },
        { 547, "The ALTER TABLE statement conflicted with the CHECK constraint \"CK_amount\". The conflict occurred in database \"staging\", table \"dbo.orders\".", ExitCodes.RefreshFailed, "check constraint CK_amount on dbo.orders;" },
        { 515, "Cannot insert the value NULL into column 'email', table 'staging.dbo.customers'; column does not allow nulls. INSERT fails.", ExitCodes.RefreshFailed, "column email of staging.dbo.customers does not allow NULL" },
        { 18456, "Login failed for user 's3cret'.", ExitCodes.DatabaseUnavailable, "login failed; check the user name and password" },
        { 4060, "Cannot open database \"crm\" requested by the login. The login failed.", ExitCodes.DatabaseUnavailable, "cannot open database crm" },
        { 229, "The SELECT permission was denied on the object 'customers', database 'crm', schema 'dbo'.", ExitCodes.RefreshFailed, "SELECT permission denied on dbo.customers in database crm" },
        { 262, "CREATE DATABASE permission denied in database 'master'.", ExitCodes.RefreshFailed, "CREATE DATABASE permission denied in database master" },
        { 1105, "Could not allocate space for object 'dbo.orders'.'PK_orders' in database 'staging__side' because the 'PRIMARY' filegroup is full. Create disk space by deleting unneeded files.", ExitCodes.RefreshFailed, "filegroup PRIMARY of database staging__side is full" },
        { 9002, "The transaction log for database 'staging__side' is full due to 'ACTIVE_TRANSACTION'.", ExitCodes.RefreshFailed, "transaction log of database staging__side is full (ACTIVE_TRANSACTION)" },
        { 1205, "Transaction (Process ID 52) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.", ExitCodes.RefreshFailed, "victim of a deadlock" },
        { 3952, "Snapshot isolation transaction failed accessing database 'crm' because snapshot isolation is not allowed in this database. Use ALTER DATABASE to allow snapshot isolation.", ExitCodes.RefreshFailed, "database crm does not allow snapshot isolation" },
        { 53, "A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible.", ExitCodes.DatabaseUnavailable, "cannot reach the SQL Server" },
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void A_documented_error_is_said_again_from_its_identifiers_and_never_with_its_value(int number, string message, int exitCode, string expected)
    {
        var explained = SqlServerErrors.Explain([new SqlServerError(number, 16, message)], "copying dbo.customers", null);

        Assert.Equal(exitCode, explained.ExitCode);
        Assert.StartsWith($"copying dbo.customers: SQL Server error {number}: ", explained.Message);
        Assert.Contains(expected, explained.Message);
        Assert.DoesNotContain(Secret, explained.Message);
        Assert.DoesNotContain("s3cret", explained.Message);
    }

    [Fact]
    public void An_unknown_error_keeps_its_text_with_every_quoted_part_and_value_clause_removed()
    {
        var explained = SqlServerErrors.Explain(
            [new SqlServerError(50123, 16, $"Something odd with '{Secret}' and \"{Secret}\"; the offending value is ({Secret}). Second sentence.")], null, null);

        Assert.DoesNotContain(Secret, explained.Message);
        Assert.Contains("Something odd with '…' and \"…\"", explained.Message);
        Assert.DoesNotContain("Second sentence", explained.Message);
    }

    [Fact]
    public void The_first_real_error_of_a_batch_is_explained_not_an_informational_message_before_it()
    {
        var explained = SqlServerErrors.Explain(
            [new SqlServerError(5701, 0, "Changed database context to 'crm'."), new SqlServerError(18456, 14, "Login failed for user 'x'.")], null, null);

        Assert.Contains("SQL Server error 18456", explained.Message);
    }

    [Theory]
    [InlineData(1205, true)]
    [InlineData(-2, true)]
    [InlineData(40613, true)]
    [InlineData(40501, true)]
    [InlineData(49918, true)]
    [InlineData(10054, true)]
    [InlineData(3960, true)]
    [InlineData(2627, false)]
    [InlineData(9002, false)]
    [InlineData(1105, false)]
    [InlineData(18456, false)]
    [InlineData(229, false)]
    public void Deadlocks_timeouts_dropped_connections_and_Azure_throttling_are_transient_and_full_disks_are_not(int number, bool transient) =>
        Assert.Equal(transient, SqlServerErrors.IsTransient(number));

    [Fact]
    public void A_real_SqlException_from_the_client_is_explained_and_classified_through_a_wrapper()
    {
        var exception = SqlExceptions.Create(2627, $"Violation of PRIMARY KEY constraint 'PK_t'. Cannot insert duplicate key in object 'dbo.t'. The duplicate key value is ({Secret}).");
        var deadlock = SqlExceptions.Create(1205, "Transaction (Process ID 52) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.");

        var explained = SqlServerErrors.Explain(exception);

        Assert.NotNull(explained);
        Assert.Contains("duplicate key in dbo.t", explained.Message);
        Assert.DoesNotContain(Secret, explained.Message);
        Assert.True(SqlServerErrors.IsTransient(new DataRefreshException(ExitCodes.RefreshFailed, "copying", deadlock)));
        Assert.False(SqlServerErrors.IsTransient(exception));
        Assert.Null(SqlServerErrors.Explain(new IOException("disk")));
    }
}
