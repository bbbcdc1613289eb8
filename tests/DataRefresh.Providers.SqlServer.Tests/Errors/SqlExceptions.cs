using System.Reflection;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Tests.Errors;

/// <summary>
/// Builds the client's own <see cref="SqlException"/> as the client does when the server reports an error: SqlError,
/// SqlErrorCollection and SqlException.CreateException are internal, so through reflection, matching parameters by name
/// so a reordering in a client update fails here loudly rather than building a wrong error.
/// </summary>
internal static class SqlExceptions
{
    private const BindingFlags Hidden = BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static SqlException Create(int number, string message, byte errorClass = 16)
    {
        var errorConstructor = typeof(SqlError).GetConstructors(Hidden)
            .OrderByDescending(constructor => constructor.GetParameters().Length)
            .First();
        var arguments = errorConstructor.GetParameters().Select(parameter => parameter.Name switch
        {
            "infoNumber" => (object?)number,
            "errorState" => (byte)1,
            "errorClass" => errorClass,
            "server" => "test",
            "errorMessage" => message,
            "procedure" => "",
            "lineNumber" => 1,
            "win32ErrorCode" => Convert.ChangeType(0, parameter.ParameterType, System.Globalization.CultureInfo.InvariantCulture),
            "exception" => null,
            "batchIndex" => -1,
            _ => throw new InvalidOperationException($"SqlError's constructor has an unknown parameter {parameter.Name}."),
        }).ToArray();
        var error = (SqlError)errorConstructor.Invoke(arguments);

        var collection = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", Hidden)!.Invoke(collection, [error]);
        var create = typeof(SqlException).GetMethods(Hidden)
            .Where(method => method.Name == "CreateException")
            .OrderBy(method => method.GetParameters().Length)
            .First(method => method.GetParameters()[0].ParameterType == typeof(SqlErrorCollection));
        var createArguments = create.GetParameters().Select((parameter, index) => index == 0 ? collection : parameter.ParameterType == typeof(string) ? (object?)"16.0" : null).ToArray();
        return (SqlException)create.Invoke(null, createArguments)!;
    }
}
