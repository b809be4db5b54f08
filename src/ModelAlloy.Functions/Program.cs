using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ModelAlloy.Functions.Telemetry;
using ModelAlloy.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddModelAlloy(builder.Configuration);
builder.Services.AddFunctionsTelemetry(builder.Configuration);
builder.Build().Run();
