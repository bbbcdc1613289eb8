using DataRefresh.Core.Detection;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Scanning;

/// <summary>
/// The rule a scan drafts per kind of data: a fake of the same kind where one exists, format-preserving for identifiers
/// whose shape applications check, dates generalized to the year, secrets removed. Where no strategy fits the column's
/// type, the fallback is <c>null</c> for nullable columns, else <c>hash</c> or a <c>constant</c>.
/// </summary>
internal static class RuleSuggester
{
    public static SuggestedRule Suggest(SensitiveKind kind, ColumnInfo column, ContentMatch? content, bool nameMatched)
    {
        var text = column.Category == ColumnCategory.Text;
        if (content is { IsFreeText: true } && !nameMatched && text)
        {
            return new SuggestedRule("redact-text", Find: [.. TextFinder.All.Where(finder => content.FoundKinds.Contains(finder.Kind)).Select(finder => SensitiveKindNames.NameOf(finder.Kind))]);
        }

        return kind switch
        {
            SensitiveKind.Email when text => Fake("internet.email"),
            SensitiveKind.FirstName when text => Fake("name.firstName"),
            SensitiveKind.LastName when text => Fake("name.lastName"),
            SensitiveKind.PersonName when text => Fake("name.fullName"),
            SensitiveKind.Username when text => Fake("internet.userName"),
            SensitiveKind.StreetAddress or SensitiveKind.Address when text => Fake("address.streetAddress"),
            SensitiveKind.City when text => Fake("address.city"),
            SensitiveKind.Card when text => new SuggestedRule("card"),
            SensitiveKind.Phone or SensitiveKind.Iban or SensitiveKind.AccountNumber or SensitiveKind.Bic or SensitiveKind.NationalId
                or SensitiveKind.Passport or SensitiveKind.DriversLicense or SensitiveKind.PostalCode when text => new SuggestedRule("format-preserving"),
            SensitiveKind.BirthDate when column.Category is ColumnCategory.Date or ColumnCategory.Timestamp or ColumnCategory.TimestampWithTimeZone
                => new SuggestedRule("generalize-date", To: "year"),
            SensitiveKind.IpAddress when text => new SuggestedRule("hash"),
            SensitiveKind.IpAddress when !column.NotNull => new SuggestedRule("null", Note: $"{column.NativeType} columns cannot be masked yet"),
            SensitiveKind.IpAddress => new SuggestedRule(null, Note: $"{column.NativeType} columns cannot be masked yet and this one is NOT NULL"),
            _ => Fallback(column),
        };
    }

    private static SuggestedRule Fake(string faker) => new("fake", Faker: faker);

    private static SuggestedRule Fallback(ColumnInfo column)
    {
        if (!column.NotNull)
        {
            return new SuggestedRule("null");
        }

        return column.Category switch
        {
            ColumnCategory.Text or ColumnCategory.Uuid or ColumnCategory.Binary => new SuggestedRule("hash"),
            ColumnCategory.Integer => new SuggestedRule("constant", Value: "0"),
            ColumnCategory.Boolean => new SuggestedRule("constant", Value: "false"),
            ColumnCategory.Date => new SuggestedRule("constant", Value: "1970-01-01"),
            ColumnCategory.Timestamp or ColumnCategory.TimestampWithTimeZone => new SuggestedRule("constant", Value: "1970-01-01 00:00:00"),
            ColumnCategory.Json => new SuggestedRule("constant", Value: "{}"),
            _ => new SuggestedRule(null, Note: $"no strategy masks NOT NULL {column.NativeType} columns yet"),
        };
    }
}
