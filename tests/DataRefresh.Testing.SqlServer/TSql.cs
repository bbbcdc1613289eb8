using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit;

namespace DataRefresh.Testing;

/// <summary>Parses T-SQL as SQL Server 2022 does (ScriptDom, offline) and fails naming every syntax error.</summary>
public static class TSql
{
    public static TSqlScript Parse(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);
        Assert.True(
            errors.Count == 0,
            $"T-SQL does not parse:\n{string.Join("\n", errors.Select(error => $"line {error.Line}, column {error.Column}: {error.Message}"))}\n---\n{script}");
        return (TSqlScript)fragment;
    }

    /// <summary>Every statement of the script, across batches.</summary>
    public static IReadOnlyList<TSqlStatement> Statements(string script) =>
        Parse(script).Batches.SelectMany(batch => batch.Statements).ToList();
}
