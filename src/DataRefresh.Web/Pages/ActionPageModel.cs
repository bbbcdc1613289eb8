using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataRefresh.Web.Pages;

/// <summary>A page whose forms ask for something (queue a run, approve, request): the sentence saying how it went.</summary>
public abstract class ActionPageModel : PageModel
{
    public string? Message { get; private set; }

    public bool MessageIsProblem { get; private set; }

    /// <summary>Shows <paramref name="problem"/> as an error when there is one, else <paramref name="done"/>.</summary>
    protected void Tell(string? problem, string done) => (Message, MessageIsProblem) = problem is null ? (done, false) : (problem, true);
}
