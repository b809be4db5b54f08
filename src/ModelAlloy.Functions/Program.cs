using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ModelAlloy.Api;
using ModelAlloy.Functions.Telemetry;
using ModelAlloy.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddModelAlloy(builder.Configuration);
builder.Services.AddModelAlloyApi(builder.Configuration);
builder.Services.AddFunctionsTelemetry(builder.Configuration);
builder.Build().Run();
