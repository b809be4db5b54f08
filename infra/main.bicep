// ModelAlloy on Azure, for `azd up`: a Flex Consumption function app (.NET 10 isolated) with a user-assigned
// identity, identity-only storage, Application Insights on Log Analytics, and optionally an Azure OpenAI account
// with a cheap and a capable deployment wired into the app's model catalog. No key or secret is created or output.
targetScope = 'subscription'

import { modelDeployment } from 'app/types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource but Azure OpenAI; one that offers Flex Consumption.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person (or pipeline) deploying; gets the same data roles as the app to run it locally. Empty: none.')
param principalId string = deployer().objectId

@description('Kind of principalId: User for a person, ServicePrincipal for a CI identity.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Create an Azure OpenAI account with the two deployments below and put them in the app\'s model catalog.')
param useAzureOpenAI bool = true

@description('Region of the Azure OpenAI account (model availability differs by region); empty: the main region.')
param openAiLocation string = ''

@description('The cheap model: triage, classification, extraction.')
param cheapModel modelDeployment = {
  deploymentName: 'gpt-4o-mini'
  model: 'gpt-4o-mini'
  version: '2024-07-18'
  sku: 'GlobalStandard'
  capacity: 10
  contextWindow: 128000
  maxOutputTokens: 16384
  inputPerMillion: '0.15'
  cachedInputPerMillion: '0.075'
  outputPerMillion: '0.6'
}

@description('The capable model: reasoning, synthesis, the escalation target.')
param capableModel modelDeployment = {
  deploymentName: 'gpt-4o'
  model: 'gpt-4o'
  version: '2024-11-20'
  sku: 'GlobalStandard'
  capacity: 10
  contextWindow: 128000
  maxOutputTokens: 16384
  inputPerMillion: '2.5'
  cachedInputPerMillion: '1.25'
  outputPerMillion: '10'
}

@description('Name overrides; empty means a generated name.')
param resourceGroupName string = ''
param apiServiceName string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = !empty(apiServiceName) ? apiServiceName : '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containers: [deploymentContainerName]
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module openAi 'core/ai/openai.bicep' = if (useAzureOpenAI) {
  name: 'openai'
  scope: rg
  params: {
    name: '${abbrs.cognitiveServicesAccounts}${resourceToken}'
    location: !empty(openAiLocation) ? openAiLocation : location
    tags: tags
    deployments: [cheapModel, capableModel]
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    appServicePlanId: plan.outputs.resourceId
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    openAiEndpoint: useAzureOpenAI ? openAi!.outputs.endpoint : ''
    cheapModel: cheapModel
    capableModel: capableModel
  }
}

module apiRoles 'app/rbac.bicep' = {
  name: 'api-roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    openAiAccountName: useAzureOpenAI ? openAi!.outputs.name : ''
  }
}

module deployerRoles 'app/rbac.bicep' = if (!empty(principalId)) {
  name: 'deployer-roles'
  scope: rg
  params: {
    principalId: principalId
    principalType: principalType
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    openAiAccountName: useAzureOpenAI ? openAi!.outputs.name : ''
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.SERVICE_API_NAME
output SERVICE_API_URI string = api.outputs.SERVICE_API_URI
output AZURE_FUNCTION_NAME string = api.outputs.SERVICE_API_NAME
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_OPENAI_ENDPOINT string = useAzureOpenAI ? openAi!.outputs.endpoint : ''
output AZURE_OPENAI_CHEAP_DEPLOYMENT string = useAzureOpenAI ? cheapModel.deploymentName : ''
output AZURE_OPENAI_CAPABLE_DEPLOYMENT string = useAzureOpenAI ? capableModel.deploymentName : ''
