using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommerceBus.Persistence;

/// <summary>Stores timestamps as UTC and reads them back marked as UTC, whatever the provider returns.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
