using CommerceBus.Contracts.Orders;

namespace CommerceBus.Contracts.Validation;

/// <summary>
/// The field rules of the order contract, in one place for every adapter. Each message names the field and the rule,
/// so a SOAP fault, a problem+json body, a NAK record and a dead-letter reason all say the same thing.
/// </summary>
public static class OrderValidator
{
    public const int MaxLines = 20;
    public const int MaxReasonLength = 200;

    /// <summary>Every broken rule of a place-order command, in field order; empty when the command is valid.</summary>
    public static IReadOnlyList<FieldError> Validate(PlaceOrder order, OrderRules? rules = null)
    {
        rules ??= OrderRules.Default;
        var errors = new List<FieldError>();

        Code(errors, "orderNumber", order.OrderNumber, 12);
        Code(errors, "customerId", order.CustomerId, 10);
        Currency(errors, order.Currency, rules);
        Region(errors, order.Region);
        ShipTo(errors, order.ShipTo);
        Lines(errors, order.Lines);
        return errors;
    }

    /// <summary>Every broken rule of a cancel command; empty when the command is valid.</summary>
    public static IReadOnlyList<FieldError> Validate(CancelOrder cancel)
    {
        var errors = new List<FieldError>();
        Code(errors, "orderNumber", cancel.OrderNumber, 12);
        if (cancel.Reason is { Length: > MaxReasonLength })
        {
            errors.Add(new("reason", $"must be at most {MaxReasonLength} characters (was {cancel.Reason.Length})"));
        }

        return errors;
    }

    /// <summary>Whether a value is a code of 1 to <paramref name="maxLength"/> characters of A-Z, 0-9 and '-'.</summary>
    public static bool IsCode(string? value, int maxLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && value.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-');

    private static void Code(List<FieldError> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new(field, $"is required: 1-{maxLength} characters of A-Z, 0-9 and '-'"));
        }
        else if (!IsCode(value, maxLength))
        {
            errors.Add(new(field, $"must be 1-{maxLength} characters of A-Z, 0-9 and '-' (was {Quote(value)})"));
        }
    }

    private static void Currency(List<FieldError> errors, string? currency, OrderRules rules)
    {
        var allowed = string.Join(", ", rules.Currencies);
        if (string.IsNullOrEmpty(currency))
        {
            errors.Add(new("currency", $"is required: one of {allowed}"));
        }
        else if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add(new("currency", $"must be 3 upper-case letters, one of {allowed} (was {Quote(currency)})"));
        }
        else if (!rules.Currencies.Contains(currency, StringComparer.Ordinal))
        {
            errors.Add(new("currency", $"must be one of {allowed} (was {Quote(currency)})"));
        }
    }

    private static void Region(List<FieldError> errors, string? region)
    {
        if (region is not ("EU" or "US" or "APAC"))
        {
            errors.Add(new("region", string.IsNullOrEmpty(region)
                ? "is required: EU, US or APAC"
                : $"must be EU, US or APAC (was {Quote(region)})"));
        }
    }

    private static void ShipTo(List<FieldError> errors, Address? shipTo)
    {
        if (shipTo is null)
        {
            errors.Add(new("shipTo", "is required: name, street, city, postalCode and country"));
            return;
        }

        Text(errors, "shipTo.name", shipTo.Name, 30);
        Text(errors, "shipTo.street", shipTo.Street, 30);
        Text(errors, "shipTo.city", shipTo.City, 20);
        Text(errors, "shipTo.postalCode", shipTo.PostalCode, 10);
        if (string.IsNullOrEmpty(shipTo.Country))
        {
            errors.Add(new("shipTo.country", "is required: an ISO 3166 alpha-2 code"));
        }
        else if (!CountryCodes.IsAssigned(shipTo.Country))
        {
            errors.Add(new("shipTo.country", $"must be an ISO 3166 alpha-2 code such as GB or US (was {Quote(shipTo.Country)})"));
        }
    }

    private static void Text(List<FieldError> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, $"is required: 1-{maxLength} characters"));
        }
        else if (value.Length > maxLength)
        {
            errors.Add(new(field, $"must be 1-{maxLength} characters (was {value.Length})"));
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(new(field, "must not contain control characters"));
        }
    }

    private static void Lines(List<FieldError> errors, IReadOnlyList<OrderLine>? lines)
    {
        if (lines is null || lines.Count == 0)
        {
            errors.Add(new("lines", $"is required: 1-{MaxLines} lines"));
            return;
        }

        if (lines.Count > MaxLines)
        {
            errors.Add(new("lines", $"must have 1-{MaxLines} lines (was {lines.Count})"));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var path = $"lines[{i}]";
            if (line is null)
            {
                errors.Add(new(path, "is required: sku, quantity and unitPrice"));
                continue;
            }

            Code(errors, $"{path}.sku", line.Sku, 12);
            if (line.Quantity is < 1 or > 9999)
            {
                errors.Add(new($"{path}.quantity", $"must be a whole number from 1 to 9999 (was {line.Quantity})"));
            }

            if (line.UnitPrice is < 0.01m or > 99999999.99m)
            {
                errors.Add(new($"{path}.unitPrice", $"must be from 0.01 to 99999999.99 (was {line.UnitPrice})"));
            }
            else if (decimal.Round(line.UnitPrice, 2) != line.UnitPrice)
            {
                errors.Add(new($"{path}.unitPrice", $"must have at most 2 decimals (was {line.UnitPrice})"));
            }
        }
    }

    private static string Quote(string value) => value.Length <= 40 ? $"'{value}'" : $"'{value[..40]}...'";
}
