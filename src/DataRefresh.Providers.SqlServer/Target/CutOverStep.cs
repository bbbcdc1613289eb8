namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// The steps of a SQL Server cut-over, in order. <c>ALTER DATABASE … MODIFY NAME</c> cannot run in a transaction, so each
/// step is journaled before it runs and each is safe to run again (it checks the state it would change), which lets the
/// next run or <c>cleanup</c> finish a cut-over a kill interrupted from the step the journal names.
/// </summary>
internal enum CutOverStep
{
    /// <summary>With keepPrevious, drop the older <c>&lt;target&gt;__previous</c> so the target can take its name.</summary>
    DropOlderPrevious = 1,

    /// <summary>End every session on the target (<c>SET SINGLE_USER WITH ROLLBACK IMMEDIATE</c>).</summary>
    EndSessions = 2,

    /// <summary>Rename the target aside (to <c>__previous</c>, or a name of this run when the old copy is dropped).</summary>
    RenameTargetAside = 3,

    /// <summary>Rename the side database in under the target's name.</summary>
    RenameSideIn = 4,

    /// <summary>Open the new target and the copy aside to every session again (<c>SET MULTI_USER</c>).</summary>
    ReopenSessions = 5,

    /// <summary>Without keepPrevious, drop the copy renamed aside.</summary>
    DropAside = 6,
}
