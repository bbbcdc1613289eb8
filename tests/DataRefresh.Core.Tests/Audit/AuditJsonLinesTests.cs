using System.Text.Json;
using DataRefresh.Core.Audit;

namespace DataRefresh.Core.Tests.Audit;

public sealed class AuditJsonLinesTests
{
    [Fact]
    public async Task Writers_appending_at_once_each_leave_whole_lines()
    {
        using var files = new TempFiles();
        var path = Path.Combine(files.Directory, "nested", "folder", "audit.jsonl");
        var padding = new string('x', 20_000);

        // Separate instances, as separate processes would be: each opens the file itself.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            var file = new AuditJsonLines(path);
            for (var line = 0; line < 25; line++)
            {
                await file.AppendAsync(JsonSerializer.Serialize(new { writer, line, padding }), TestContext.Current.CancellationToken);
            }
        })));

        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(100, lines.Length);
        var parsed = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(100, parsed.Select(element => (element.GetProperty("writer").GetInt32(), element.GetProperty("line").GetInt32())).Distinct().Count());
    }

    [Fact]
    public void Records_keep_text_unescaped_so_a_search_for_a_value_finds_it()
    {
        var record = new AuditRecord
        {
            RunId = "r1",
            JobFile = "jobs/x.yaml",
            Outcome = AuditOutcome.Failed,
            ExitCode = 8,
            Error = "copying public.customers: Hauptstraße \"quoted\"\nsecond line",
            RanBy = new AuditHost("u", "m", 1, "1.0"),
            StartedAt = DateTimeOffset.UnixEpoch,
            EndedAt = DateTimeOffset.UnixEpoch,
        };

        var json = AuditJson.Serialize(record);

        Assert.DoesNotContain('\n', json);
        Assert.Contains("Hauptstraße", json, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"failed\"", json, StringComparison.Ordinal);
        Assert.Equal(record.Error, AuditJson.Deserialize(json).Error);
    }
}
