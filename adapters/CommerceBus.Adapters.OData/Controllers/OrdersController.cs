using CommerceBus.Adapters.OData.Model;
using CommerceBus.Adapters.OData.Querying;
using CommerceBus.Persistence;
using CommerceBus.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.OData.Controllers;

/// <summary>The <c>Orders</c> entity set: the order read model, lines with <c>$expand=Lines</c>.</summary>
/// <remarks>The personal fields (<see cref="Projections.PersonalFields"/>) are filled only for a caller the <c>pii</c> policy admits.</remarks>
public sealed class OrdersController(
    IDbContextFactory<HubDbContext> databases,
    IOptions<ODataAdapterOptions> options,
    IAuthorizationService authorization) : ODataController
{
    [HttpGet]
    public async Task<IActionResult> Get(ODataQueryOptions<Order> query, CancellationToken cancellationToken)
    {
        var db = await databases.CreateDbContextAsync(cancellationToken);
        HttpContext.Response.RegisterForDisposeAsync(db);
        var personal = (await authorization.AuthorizeAsync(User, HttpContext, SecurityPolicies.Pii)).Succeeded;
        var withLines = query.SelectExpand?.RawExpand?.Contains(nameof(Order.Lines), StringComparison.OrdinalIgnoreCase) == true;
        return QueryRunner.Run(this, query, Projections.Orders(db, withLines, personal), options.Value, SortableProperties.Orders);
    }
}
