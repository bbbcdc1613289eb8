using System.Security.Cryptography;
using System.Text;

namespace DataRefresh.Core.Approvals;

/// <summary>
/// A set of rule files as they are on disk now, the unit a reviewer approves. Files are named relative to the project
/// folder — the folder holding the jobs folder (<c>jobs/nightly.yaml</c> → the folder above <c>jobs/</c>) — so the console
/// and every node agree on <c>rules/crm.yaml</c> wherever the project is checked out.
/// </summary>
public sealed record RuleVersion(IReadOnlyList<RuleFileVersion> Files)
{
    /// <summary>The project folder of a job file: the parent of the folder it is in.</summary>
    public static string ProjectFolderOf(string jobFile) =>
        Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(jobFile))) ?? Path.GetPathRoot(Path.GetFullPath(jobFile))!;

    /// <summary>Reads and hashes the files, each once, sorted by their project-relative path.</summary>
    public static RuleVersion Read(string projectFolder, IEnumerable<string> ruleFiles) =>
        new(ruleFiles
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Select(path =>
            {
                var bytes = File.ReadAllBytes(path);
                return new RuleFileVersion(RelativeName(projectFolder, path), Convert.ToHexStringLower(SHA256.HashData(bytes)), Encoding.UTF8.GetString(bytes));
            })
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .ToList());

    /// <summary>
    /// One hash for the whole set (of each file's path and hash): what an approval form carries, so a reviewer approves the
    /// version the page showed and not one that changed on disk while they read it.
    /// </summary>
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(Files.Select(file => $"{file.Path}\n{file.Sha256}\n")))));

    public RuleFileVersion? Find(string path) => Files.FirstOrDefault(file => file.Path == path);

    public static string RelativeName(string projectFolder, string path) =>
        Path.GetRelativePath(Path.GetFullPath(projectFolder), Path.GetFullPath(path)).Replace(Path.DirectorySeparatorChar, '/');
}
