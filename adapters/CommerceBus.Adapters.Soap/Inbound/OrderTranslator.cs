using System.Globalization;
using CommerceBus.Adapters.Soap.Wire;
using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;

namespace CommerceBus.Adapters.Soap.Inbound;

/// <summary>
/// Translates the WSDL's order into the canonical <see cref="PlaceOrder"/>. It only reads; the field rules stay in the
/// hub's validator. What cannot be read (a quantity that is not an <c>xs:int</c>) becomes a translation error on its
/// canonical field, which the pipeline reports together with the validator's findings.
/// </summary>
internal static class OrderTranslator
{
    public static PlaceOrder ToPlaceOrder(LegacyOrder? order, out IReadOnlyList<FieldError> errors)
    {
        var found = new List<FieldError>();
        errors = found;
        if (order is null)
        {
            return new PlaceOrder();
        }

        return new PlaceOrder
        {
            OrderNumber = order.OrderNumber,
            CustomerId = order.CustomerId,
            Currency = order.Currency,
            Region = order.Region,
            ShipTo = order.ShipTo is { } a
                ? new Address { Name = a.Name, Street = a.Street, City = a.City, PostalCode = a.PostalCode, Country = a.Country }
                : null,
            Lines = order.Lines?.Select((line, i) => Line(line, $"lines[{i}]", found)).ToList(),
        };
    }

    public static CancelOrder ToCancelOrder(string? orderNumber, string? reason) => new() { OrderNumber = orderNumber, Reason = reason };

    private static OrderLine Line(LegacyOrderLine? line, string path, List<FieldError> errors) => line is null
        ? new OrderLine()
        : new OrderLine
        {
            Sku = line.Sku,
            Quantity = Quantity(line.Quantity, $"{path}.quantity", errors),
            UnitPrice = UnitPrice(line.UnitPrice, $"{path}.unitPrice", errors),
        };

    // xs:int: optional sign and digits, surrounding whitespace collapsed.
    private static int Quantity(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, "is required: a whole number from 1 to 9999"));
            return 0;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new(field, $"must be a whole number from 1 to 9999 (was {Quote(text)})"));
        return 0;
    }

    // xs:decimal: optional sign, digits and one decimal point; no exponent, no thousands separators.
    private static decimal UnitPrice(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, "is required: a decimal from 0.01 to 99999999.99"));
            return 0m;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new(field, $"must be a decimal number from 0.01 to 99999999.99 such as 19.99 (was {Quote(text)})"));
        return 0m;
    }

    private static string Quote(string value) => value.Length <= 40 ? $"'{value}'" : $"'{value[..40]}...'";
}
