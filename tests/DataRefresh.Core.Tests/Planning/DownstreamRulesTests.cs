using System.Reflection;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Planning;

/// <summary>
/// A <c>then:</c> copy reads a database that is already masked: without rule files it copies every column as it is,
/// while a job reading the original still stops on a column no rule mentions.
/// </summary>
public sealed class DownstreamRulesTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private static ColumnInfo Text(string name) => new(name, "text", "text", ColumnCategory.Text, null, false, false);

    private static readonly DatabaseSchema Schema = new(
    [
        new TableInfo(QualifiedName.Parse("accounts", "public"), [Text("code"), Text("email")], [], 10, false, [["code"]]),
        new TableInfo(QualifiedName.Parse("invoices", "public"), [Text("id"), Text("account_code")], [new ForeignKeyInfo("invoices_account_fk", ["account_code"], QualifiedName.Parse("accounts", "public"), ["code"])], 10, false, [["id"]]),
    ]);

    private static readonly DataRefreshSettings Settings = new(
        new Dictionary<string, EnvironmentSettings>(StringComparer.OrdinalIgnoreCase)
        {
            ["prod"] = new("prod", ProviderKind.PostgreSql, "Host=prod.invalid;Database=crm", true),
            ["staging"] = new("staging", ProviderKind.PostgreSql, "Host=staging.invalid;Database=crm_staging", false),
            ["dev"] = new("dev", ProviderKind.PostgreSql, "Host=staging.invalid;Database=crm_dev", false),
        },
        null,
        "test settings");

    private static readonly ProviderRegistry Providers = new([KindOnlyProvider.Create(ProviderKind.PostgreSql)]);

    private JobDefinition LoadJob(string copy = "  - target: dev\n") =>
        JobFileLoader.Load(files.Write("job.yaml", "source: prod\ntarget: staging\nthen:\n" + copy));

    [Fact]
    public void A_copy_without_rule_files_plans_every_column_as_kept()
    {
        var context = RefreshContext.Create(Assert.Single(LoadJob().Then), Settings, Providers);

        var plan = RefreshPlanner.Check(Schema, context.Rules);

        Assert.Equal(("staging", "dev"), (context.Source.Name, context.Target.Name));
        Assert.Equal(UnlistedPolicy.Keep, context.Rules.Unlisted);
        Assert.Empty(plan.Errors);
        Assert.Empty(plan.Warnings);
        Assert.All(plan.Tables.SelectMany(table => table.Columns), column => Assert.False(column.IsMasked));
        Assert.Equal(4, plan.Tables.Sum(table => table.Columns.Count));
    }

    [Fact]
    public void The_top_level_job_without_rule_files_still_fails_on_unlisted_columns()
    {
        var context = RefreshContext.Create(LoadJob(), Settings, Providers);

        var plan = RefreshPlanner.Check(Schema, context.Rules);

        Assert.Equal(UnlistedPolicy.Fail, context.Rules.Unlisted);
        Assert.Equal(2, plan.Errors.Count(finding => finding.Message.Contains("no rule masks or keeps", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_rule_file_of_a_copy_that_states_unlisted_still_wins()
    {
        files.Write("strict.yaml", "version: 1\nunlisted: fail\ntables:\n  accounts:\n    columns:\n      email: { mask: hash }\n");

        var context = RefreshContext.Create(Assert.Single(LoadJob("  - target: dev\n    rules: [ strict.yaml ]\n").Then), Settings, Providers);
        var plan = RefreshPlanner.Check(Schema, context.Rules);

        Assert.Equal(UnlistedPolicy.Fail, context.Rules.Unlisted);
        Assert.True(plan.Tables.Single(table => table.Table.Name.Name == "accounts").Columns.Single(column => column.Column.Name == "email").IsMasked);
        Assert.Contains(plan.Errors, finding => finding.Message.Contains("public.invoices has columns no rule masks or keeps", StringComparison.Ordinal));
    }

    [Fact]
    public void A_copy_without_unlisted_in_its_rule_files_keeps_the_columns_they_do_not_mention()
    {
        files.Write("extra.yaml", "version: 1\ntables:\n  accounts:\n    columns:\n      email: { mask: hash }\n");

        var context = RefreshContext.Create(Assert.Single(LoadJob("  - target: dev\n    rules: [ extra.yaml ]\n").Then), Settings, Providers);

        Assert.Equal(UnlistedPolicy.Keep, context.Rules.Unlisted);
        Assert.Empty(RefreshPlanner.Check(Schema, context.Rules).Errors);
    }

    /// <summary>A provider that only says which engine it is and its default schema: building a context touches nothing else.</summary>
    public class KindOnlyProvider : DispatchProxy
    {
        private ProviderKind kind;

        public static IRefreshProvider Create(ProviderKind kind)
        {
            var provider = Create<IRefreshProvider, KindOnlyProvider>();
            ((KindOnlyProvider)(object)provider).kind = kind;
            return provider;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_Kind" => kind,
            "get_DefaultSchema" => "public",
            _ => throw new NotSupportedException($"{targetMethod?.Name} is not expected while building a context."),
        };
    }
}
