// An Azure OpenAI account with keys disabled (Entra ID only) and its model deployments, created one at a time
// because the service rejects concurrent deployment changes on one account.
import { modelDeployment } from '../../app/types.bicep'

param name string
param location string = resourceGroup().location
param tags object = {}
param deployments modelDeployment[]

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name // Entra ID authentication needs a custom subdomain
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

@batchSize(1)
resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = [for d in deployments: {
  parent: account
  name: d.deploymentName
  sku: {
    name: d.sku
    capacity: d.capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: d.model
      version: d.version
    }
  }
}]

output name string = account.name
output endpoint string = account.properties.endpoint
