using DataRefresh.Providers.PostgreSql.Target;

namespace DataRefresh.Providers.PostgreSql.Tests.Target;

/// <summary>Leftover removal drops databases by these names, so a lookalike must never match.</summary>
public sealed class SideDatabaseNamesTests
{
    private const string RunId = "20261123120000ab12";

    [Fact]
    public void What_a_run_names_is_a_leftover_of_its_target()
    {
        Assert.True(SideDatabaseNames.IsLeftoverOf("staging", SideDatabaseNames.Refresh("staging", RunId)));
        Assert.True(SideDatabaseNames.IsLeftoverOf("staging", SideDatabaseNames.Retired("staging", RunId)));
        Assert.Equal("staging__refresh_" + RunId, SideDatabaseNames.Refresh("staging", RunId));
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("staging__previous")]
    [InlineData("staging2__refresh_20261123120000ab12")]      // another target
    [InlineData("stagin__refresh_20261123120000ab12")]        // a shorter one
    [InlineData("staging__refresh_20261123120000ab1")]        // run id too short
    [InlineData("staging__refresh_20261123120000ab123")]      // too long
    [InlineData("staging__refresh_20261123120000AB12")]       // run ids are lower-case hex
    [InlineData("staging__refresh_2026112312000xab12")]
    [InlineData("staging__refreshed_20261123120000ab12")]
    [InlineData("staging__refresh_20261123120000ab12_copy")]
    [InlineData("Staging__refresh_20261123120000ab12")]
    public void Lookalikes_are_not_leftovers(string database) =>
        Assert.False(SideDatabaseNames.IsLeftoverOf("staging", database));

    [Fact]
    public void Long_target_names_are_cut_the_same_way_when_recognising_leftovers()
    {
        var target = "crm_" + new string('é', 40);
        var side = SideDatabaseNames.Refresh(target, RunId);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(side) <= 63);
        Assert.True(SideDatabaseNames.IsLeftoverOf(target, side));
        Assert.True(SideDatabaseNames.IsLeftoverOf(target, SideDatabaseNames.Retired(target, RunId)));
        Assert.False(SideDatabaseNames.IsLeftoverOf("crm_", side));
    }

    [Fact]
    public void Long_targets_that_differ_only_past_the_cut_never_share_side_databases()
    {
        var common = "staging_for_the_customer_relationship_management_system_";
        var (first, second) = (common + "team_a", common + "team_b");

        Assert.NotEqual(SideDatabaseNames.Refresh(first, RunId), SideDatabaseNames.Refresh(second, RunId));
        Assert.NotEqual(SideDatabaseNames.Previous(first), SideDatabaseNames.Previous(second));
        Assert.False(SideDatabaseNames.IsLeftoverOf(first, SideDatabaseNames.Refresh(second, RunId)));
        Assert.False(SideDatabaseNames.IsLeftoverOf(second, SideDatabaseNames.Retired(first, RunId)));
    }
}
