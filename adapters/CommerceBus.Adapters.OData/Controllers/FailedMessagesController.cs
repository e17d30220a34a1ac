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

/// <summary>The <c>FailedMessages</c> entity set: messages that exhausted their retries, with the reason.</summary>
[Authorize(Policy = SecurityPolicies.Operator)]
public sealed class FailedMessagesController(IDbContextFactory<HubDbContext> databases, IOptions<ODataAdapterOptions> options) : ODataController
{
    [HttpGet]
    public async Task<IActionResult> Get(ODataQueryOptions<FailedMessage> query, CancellationToken cancellationToken)
    {
        var db = await databases.CreateDbContextAsync(cancellationToken);
        HttpContext.Response.RegisterForDisposeAsync(db);
        return QueryRunner.Run(this, query, Projections.FailedMessages(db), options.Value, SortableProperties.FailedMessages);
    }
}
