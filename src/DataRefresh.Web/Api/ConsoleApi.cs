using DataRefresh.Core.Accounts;
using DataRefresh.Core.History;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.SignIn;
using DataRefresh.Web.Views;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataRefresh.Web.Api;

/// <summary>
/// <c>/api</c>: the pages' data and actions as JSON, for scripts signed in with the same cookie. Reads are GETs; an action
/// (POST) needs the anti-forgery token <c>GET /api/session</c> returns, sent back in the <see cref="AntiforgeryHeader"/>
/// header, and the role the page asks for. Answers hold names, counts, times and sentences, never a row value.
/// </summary>
internal static class ConsoleApi
{
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/session", (HttpContext http, IAntiforgery antiforgery) => Results.Json(new
        {
            user = http.User.Identity?.Name,
            roles = ConsoleUser.Roles(http.User),
            requestToken = antiforgery.GetAndStoreTokens(http).RequestToken,
        }));
        api.MapGet("/runs", async (ConsoleContext console, string? job, string? outcome, string? since, CancellationToken cancellationToken) =>
        {
            var (query, problem) = new RunFilter(job, outcome, since).Read();
            return query is null
                ? Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest)
                : Results.Json((await console.Store.ReadRunsAsync(query, cancellationToken)).Select(RunJson));
        });
        api.MapGet("/runs/{runId}", async (ConsoleContext console, string runId, CancellationToken cancellationToken) =>
        {
            var records = await console.Store.ReadAuditRecordsAsync(new AuditQuery(RunId: runId), cancellationToken);
            var run = (await console.Store.ReadRunsAsync(new RunQuery(Limit: 1, RunId: runId), cancellationToken)).SingleOrDefault();
            return run is null && records.Count == 0
                ? Results.NotFound()
                // The audit records as stored: the JSON their hash chain covers, unchanged.
                : Results.Text($$"""{"run":{{System.Text.Json.JsonSerializer.Serialize(run is null ? null : RunJson(run))}},"auditRecords":[{{string.Join(",", records)}}]}""", "application/json");
        });
        api.MapGet("/jobs", async (ConsoleContext console, CancellationToken cancellationToken) =>
        {
            var view = await ScheduleView.LoadAsync(console, cancellationToken);
            return Results.Json(new
            {
                jobs = view.Jobs.Select(job => new
                {
                    job.Name,
                    job.File,
                    job.Valid,
                    job.Upstream,
                    job.Source,
                    job.Target,
                    job.Schedule,
                    job.NextFiring,
                    job.Enabled,
                    job.KeepsPrevious,
                    job.IsSnapshot,
                    lastRun = job.LastRun is null ? null : RunJson(job.LastRun),
                    job.Problems,
                    drift = job.Drift is not { } check ? null : new { check.FiringAt, check.CheckedAt, check.Node, check.Passed, check.Problems },
                }),
                nodes = view.Nodes,
                pending = view.Pending,
                rollbacks = view.Rollbacks.Select(rollback => new
                {
                    rollback.RunId,
                    target = rollback.Target?.Environment,
                    outcome = rollback.Outcome.ToString().ToLowerInvariant(),
                    rollback.ExitCode,
                    rollback.Error,
                    rollback.Trigger,
                    rollback.EndedAt,
                }),
            });
        });
        api.MapPost("/jobs/{name}/trigger", async (HttpContext http, IAntiforgery antiforgery, ConsoleContext console, string name, CancellationToken cancellationToken) =>
        {
            if (await Refused(http, antiforgery, ConsoleRoles.Dba) is { } refused)
            {
                return refused;
            }

            return Queued(await JobActions.TriggerAsync(console, name, http.User, cancellationToken));
        });
        api.MapPost("/jobs/{name}/rollback", async (HttpContext http, IAntiforgery antiforgery, ConsoleContext console, string name, CancellationToken cancellationToken) =>
        {
            if (await Refused(http, antiforgery, ConsoleRoles.Dba) is { } refused)
            {
                return refused;
            }

            return Queued(await JobActions.RollBackAsync(console, name, http.User, cancellationToken));
        });
        api.MapGet("/rules", async (ConsoleContext console, string? environment, CancellationToken cancellationToken) =>
            Results.Json(RulesJson(await RuleReviewView.LoadAsync(console, environment, cancellationToken))));
        api.MapPost("/rules/{environment}/approve", async (HttpContext http, IAntiforgery antiforgery, ConsoleContext console, string environment, ApprovalRequest request, CancellationToken cancellationToken) =>
        {
            if (await Refused(http, antiforgery, ConsoleRoles.Reviewer) is { } refused)
            {
                return refused;
            }

            var (approval, problem) = await ApprovalActions.ApproveAsync(console, environment, request.Digest, request.Comment, http.User, cancellationToken);
            return problem is null ? Results.Json(new { approval!.Id, approval.ApprovedAt }) : Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        });
        MapSnapshots(api);
    }

    private static void MapSnapshots(RouteGroupBuilder api)
    {
        api.MapGet("/snapshots", async (HttpContext http, ConsoleContext console, CancellationToken cancellationToken) =>
        {
            var view = await SnapshotsView.LoadAsync(console, http.User, cancellationToken);
            return Results.Json(new
            {
                jobs = view.Jobs,
                requests = view.Requests.Select(request => new
                {
                    request.Id,
                    request.Job,
                    forWhom = request.For,
                    request.RequestedAt,
                    state = request.StateText,
                    request.Detail,
                    runId = request.Run?.RunId,
                    download = request.State == SnapshotRequestState.Ready ? SnapshotActions.DownloadPath(request.Snapshot!) : null,
                }),
                snapshots = view.Snapshots.Select(entry => new
                {
                    entry.Manifest.Job,
                    id = Path.GetFileName(entry.Folder),
                    forWhom = entry.Manifest.RequestedFor,
                    entry.Manifest.Kind,
                    entry.Manifest.RunId,
                    entry.Manifest.CreatedAt,
                    entry.Manifest.ExpiresAt,
                    expired = view.IsExpired(entry),
                    rows = entry.Manifest.Tables.Sum(table => table.Rows),
                    bytes = SnapshotsView.Bytes(entry),
                    files = entry.Manifest.Files.Select(file => new { file.Path, file.Sha256 }),
                    download = view.IsExpired(entry) ? null : SnapshotActions.DownloadPath(entry),
                }),
            });
        });
        api.MapPost("/snapshots/{job}/request", async (HttpContext http, IAntiforgery antiforgery, ConsoleContext console, string job, CancellationToken cancellationToken) =>
        {
            if (await Refused(http, antiforgery, ConsoleRoles.Developer, ConsoleRoles.Dba) is { } refused)
            {
                return refused;
            }

            return Queued(await SnapshotActions.RequestAsync(console, job, http.User, cancellationToken));
        });
    }

    /// <summary>The body of <c>POST /api/rules/&lt;environment&gt;/approve</c>: the digest of the version reviewed (from <c>GET /api/rules</c>) and the comment.</summary>
    internal sealed record ApprovalRequest(string? Digest, string? Comment);

    private static object RulesJson(RuleReviewView view) => new
    {
        view.Environment,
        view.Environments,
        view.Jobs,
        view.Problem,
        approved = view.IsApproved,
        digest = view.Current?.Digest,
        approvals = view.Approvals.Select(approval => new
        {
            approval.Id,
            approval.Reviewer,
            approval.Comment,
            approval.ApprovedAt,
            files = approval.Version.Files.Select(file => new { file.Path, file.Sha256 }),
        }),
        files = view.Changes.Select(change => new
        {
            change.Path,
            sha256 = view.Current?.Find(change.Path)?.Sha256,
            change.Status,
            lines = change.Lines?.Select(line => line is null ? null : new { kind = line.Kind.ToString().ToLowerInvariant(), line.Number, line.Text }),
        }),
        schema = view.Schema is null ? null : new { view.Schema.RunId, view.Schema.ReadAt },
        scan = view.Scan is null ? null : new { view.Scan.ScannedAt, view.Scan.SampleRows, flagged = view.Scan.Flagged.Count },
        coverage = view.Report is not { } report ? null : new
        {
            totals = report.Coverage.Lines().ToDictionary(line => line.Label, line => line.Count),
            findings = report.OrderedFindings.Select(finding => finding.ToString()),
            columns = report.Columns.Select(column => new
            {
                column = column.QualifiedColumn,
                type = column.DataType,
                mask = column.Strategy,
                classification = column.Classification?.ToString().ToLowerInvariant(),
                column.Reason,
                column.Owner,
                output = column.Determinism,
                column.Suspicion,
                column.FlaggedByScan,
                rule = column.Location?.ToString(),
            }),
        },
    };

    /// <summary>202 with the id of the request queued, or 400 with the sentence saying why nothing was.</summary>
    private static IResult Queued((long? Id, string? Problem) outcome) =>
        outcome.Problem is null ? Results.Accepted(value: new { requestId = outcome.Id }) : Results.Problem(outcome.Problem, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A status for a request without a valid anti-forgery token, or from someone with none of the roles; null when it may go on.</summary>
    private static async Task<IResult?> Refused(HttpContext http, IAntiforgery antiforgery, params string[] roles)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem($"the request has no valid anti-forgery token; send the requestToken from GET /api/session in the {AntiforgeryHeader} header.", statusCode: StatusCodes.Status400BadRequest);
        }

        return roles.Any(http.User.IsInRole) ? null : Results.Problem($"this needs the {string.Join(" or ", roles)} role.", statusCode: StatusCodes.Status403Forbidden);
    }

    private static object RunJson(RunHistoryEntry run) => new
    {
        run.RunId,
        run.Job,
        run.Trigger,
        run.Node,
        run.StartedAt,
        run.ScheduledFor,
        run.Target,
        outcome = run.Outcome.ToText(),
        run.EndedAt,
        run.ExitCode,
        run.Error,
        rows = run.TotalRows,
        run.BytesCopied,
        tables = run.Tables.Select(table => new { table.Table, table.Rows }),
        run.Progress,
    };
}
