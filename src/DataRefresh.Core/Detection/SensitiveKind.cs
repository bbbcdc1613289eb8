namespace DataRefresh.Core.Detection;

/// <summary>
/// What a piece of data identifies or exposes. The first seven are what detectors recognise in values (see
/// <see cref="TextFinder"/>); the rest are only suggested by column names (<c>birth_date</c>, <c>password</c>), because their
/// values look like any other date, number or word.
/// </summary>
public enum SensitiveKind
{
    Email,
    Phone,
    Card,
    Iban,
    NationalId,
    IpAddress,
    PersonName,
    FirstName,
    LastName,
    Username,
    BirthDate,
    StreetAddress,
    City,
    PostalCode,
    Address,
    AccountNumber,
    Bic,
    CardSecurityCode,
    Secret,
    Salary,
    Health,
    Gender,
    Passport,
    DriversLicense,
    Geolocation,
    Photo,
}
