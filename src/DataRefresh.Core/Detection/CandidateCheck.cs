namespace DataRefresh.Core.Detection;

/// <summary>
/// Validates what a finder's pattern matched and says how much of it is the item: its start and length inside the
/// candidate, or a length of 0 when the candidate is not one.
/// </summary>
internal delegate (int Start, int Length) CandidateCheck(ReadOnlySpan<char> candidate);
