using System.Security.Cryptography;
using DataRefresh.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// Reads a job's <c>after:</c> list. SQL files are read here, when the job loads, so a missing file is a located error
/// before any connection, and the file that runs is the file the audit hashes.
/// </summary>
internal static class AfterStepReader
{
    public static IReadOnlyList<AfterStep> Read(YamlFile file, YamlNode node, string jobFolder)
    {
        var steps = new List<AfterStep>();
        foreach (var stepNode in file.Sequence(node, "after"))
        {
            var entries = file.Entries(file.Mapping(stepNode, "an after step"), "an after step", "sql", "expect");
            if (!entries.TryGetValue("sql", out var sqlEntry))
            {
                throw file.Error(stepNode, "an after step has no 'sql'; add e.g. 'sql: ../sql/reset-passwords.sql' (relative to the job file).");
            }

            var written = file.Scalar(sqlEntry.Value, "sql");
            var path = Path.IsPathRooted(written)
                ? written
                : Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(Path.Combine(jobFolder, written)));
            if (!File.Exists(path))
            {
                throw file.Error(sqlEntry.Value, $"the SQL file '{written}' does not exist (looked for {Path.GetFullPath(path)}); the path is relative to the job file.");
            }

            var bytes = File.ReadAllBytes(path);
            var expect = new List<ExpectQuery>();
            if (entries.TryGetValue("expect", out var expectEntry))
            {
                foreach (var queryNode in file.Sequence(expectEntry.Value, "expect"))
                {
                    var query = file.Scalar(queryNode, "an expect query");
                    if (string.IsNullOrWhiteSpace(query))
                    {
                        throw file.Error(queryNode, "an expect query is empty; write a SELECT that returns the rows that must not exist.");
                    }

                    expect.Add(new ExpectQuery(query, file.LocationOf(queryNode)));
                }
            }

            steps.Add(new AfterStep(path, file.LocationOf(sqlEntry.Value), new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'), Convert.ToHexStringLower(SHA256.HashData(bytes)), expect));
        }

        return steps;
    }
}
