using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelAlloy.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
if (builder.Configuration[AppSettings.ApplicationInsightsConnectionString] is { Length: > 0 })
{
    // Application Insights SDK 3.x is OpenTelemetry-based: it exports the sources AddModelAlloyTelemetry adds.
    builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
}

builder.Services.AddModelAlloy(builder.Configuration);
builder.Services.AddModelAlloyTelemetry(builder.Configuration);
builder.Build().Run();
