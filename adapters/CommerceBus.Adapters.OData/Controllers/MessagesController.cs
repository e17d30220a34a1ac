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

/// <summary>The <c>Messages</c> entity set: the hub's message journal, every hop of every flow.</summary>
[Authorize(Policy = SecurityPolicies.Operator)]
public sealed class MessagesController(IDbContextFactory<HubDbContext> databases, IOptions<ODataAdapterOptions> options) : ODataController
{
    [HttpGet]
    public async Task<IActionResult> Get(ODataQueryOptions<Message> query, CancellationToken cancellationToken)
    {
        var db = await databases.CreateDbContextAsync(cancellationToken);
        HttpContext.Response.RegisterForDisposeAsync(db);
        return QueryRunner.Run(this, query, Projections.Messages(db), options.Value, SortableProperties.Messages);
    }
}
