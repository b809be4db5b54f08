// The ModelAlloy Functions app (src/ModelAlloy.Functions) on Flex Consumption, .NET 10 isolated worker.
// Every app setting it gets is in the two variables below, written with parameters only so they compile to
// literal objects in main.json, which tests/ModelAlloy.Infra.Tests reads and checks against ExpectedAppSettings.
import { modelDeployment } from 'types.bicep'

param name string
param location string = resourceGroup().location
param tags object = {}
param serviceName string = 'api'
param appServicePlanId string
param identityId string
param identityClientId string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string

@description('The Azure OpenAI endpoint, or empty when the app uses no Azure OpenAI account of this deployment.')
param openAiEndpoint string = ''
param cheapModel modelDeployment
param capableModel modelDeployment

param instanceMemoryMB int = 2048
param maximumInstanceCount int = 100

// Identity-based connections: the Functions host, Durable Functions and ModelAlloy's own storage clients read
// AzureWebJobsStorage__* (no connection string exists: the account has shared keys off). AZURE_CLIENT_ID makes
// DefaultAzureCredential pick the user-assigned identity (the catalog's ManagedIdentity models use it).
var hostAppSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  AZURE_CLIENT_ID: identityClientId
}

// Two catalog entries, ids "cheap" and "capable", bound by ModelCatalogConfiguration from ModelGateway:Models:{id}.
var modelCatalogAppSettings = {
  ModelGateway__Models__cheap__Provider: 'AzureOpenAI'
  ModelGateway__Models__cheap__Endpoint: openAiEndpoint
  ModelGateway__Models__cheap__Deployment: cheapModel.deploymentName
  ModelGateway__Models__cheap__Credential: 'ManagedIdentity'
  ModelGateway__Models__cheap__Tier: 'Economy'
  ModelGateway__Models__cheap__ContextWindow: string(cheapModel.contextWindow)
  ModelGateway__Models__cheap__MaxOutputTokens: string(cheapModel.maxOutputTokens)
  ModelGateway__Models__cheap__Prices__InputPerMillion: cheapModel.inputPerMillion
  ModelGateway__Models__cheap__Prices__CachedInputPerMillion: cheapModel.cachedInputPerMillion
  ModelGateway__Models__cheap__Prices__OutputPerMillion: cheapModel.outputPerMillion
  ModelGateway__Models__capable__Provider: 'AzureOpenAI'
  ModelGateway__Models__capable__Endpoint: openAiEndpoint
  ModelGateway__Models__capable__Deployment: capableModel.deploymentName
  ModelGateway__Models__capable__Credential: 'ManagedIdentity'
  ModelGateway__Models__capable__Tier: 'Premium'
  ModelGateway__Models__capable__ContextWindow: string(capableModel.contextWindow)
  ModelGateway__Models__capable__MaxOutputTokens: string(capableModel.maxOutputTokens)
  ModelGateway__Models__capable__Prices__InputPerMillion: capableModel.inputPerMillion
  ModelGateway__Models__capable__Prices__CachedInputPerMillion: capableModel.cachedInputPerMillion
  ModelGateway__Models__capable__Prices__OutputPerMillion: capableModel.outputPerMillion
}

// The roles the example pipelines (pipelines/*.json) call, as fallback chains over those two models (bound from
// ModelGateway:Roles:{role}:Chain:{index}). Role names must be valid Linux app setting names (no '-'). On Azure the
// provider-fallback example's "resilient" chain stays within Azure OpenAI (a second provider needs its key in a catalog).
var modelRoleAppSettings = {
  ModelGateway__Roles__cheap__Chain__0: 'cheap'
  ModelGateway__Roles__cheap__Chain__1: 'capable'
  ModelGateway__Roles__capable__Chain__0: 'capable'
  ModelGateway__Roles__judge__Chain__0: 'cheap'
  ModelGateway__Roles__judge__Chain__1: 'capable'
  ModelGateway__Roles__second_opinion__Chain__0: 'capable'
  ModelGateway__Roles__second_opinion__Chain__1: 'cheap'
  ModelGateway__Roles__resilient__Chain__0: 'cheap'
  ModelGateway__Roles__resilient__Chain__1: 'capable'
}

var appSettings = union(hostAppSettings, empty(openAiEndpoint) ? {} : union(modelCatalogAppSettings, modelRoleAppSettings))

resource api 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlanId
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for setting in items(appSettings): { name: setting.key, value: setting.value }]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

output SERVICE_API_NAME string = api.name
output SERVICE_API_URI string = 'https://${api.properties.defaultHostName}'
