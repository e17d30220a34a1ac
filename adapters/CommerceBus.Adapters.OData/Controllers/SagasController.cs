using CommerceBus.Adapters.OData.Model;
using CommerceBus.Adapters.OData.Querying;
using CommerceBus.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.OData.Controllers;

/// <summary>The <c>Sagas</c> entity set: the order fulfillment sagas and their current state (table <c>order_sagas</c>).</summary>
public sealed class SagasController(IDbContextFactory<HubDbContext> databases, IOptions<ODataAdapterOptions> options) : ODataController
{
    [HttpGet]
    public async Task<IActionResult> Get(ODataQueryOptions<Saga> query, CancellationToken cancellationToken)
    {
        var db = await databases.CreateDbContextAsync(cancellationToken);
        HttpContext.Response.RegisterForDisposeAsync(db);
        return QueryRunner.Run(this, query, Projections.Sagas(db), options.Value, SortableProperties.Sagas);
    }
}
