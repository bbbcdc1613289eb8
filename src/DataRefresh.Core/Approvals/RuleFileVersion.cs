namespace DataRefresh.Core.Approvals;

/// <summary>
/// One rule file as a reviewer approves it: its path relative to the project folder (<see cref="RuleVersion.ProjectFolderOf"/>,
/// with <c>/</c> between folders, so every node names it alike), the SHA-256 of its bytes and its text (kept so a later
/// review can show what changed since). Rule files hold rules, never row values.
/// </summary>
public sealed record RuleFileVersion(string Path, string Sha256, string Text);
