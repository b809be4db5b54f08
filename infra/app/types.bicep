// Shapes shared by main.bicep and its modules.

@export()
@description('An Azure OpenAI model deployment and the catalog facts the gateway needs about it.')
type modelDeployment = {
  @description('Deployment name; the catalog entry\'s Deployment.')
  deploymentName: string

  @description('Model name, e.g. gpt-4o-mini.')
  model: string

  @description('Model version, e.g. 2024-07-18.')
  version: string

  @description('Deployment SKU, e.g. GlobalStandard.')
  sku: string

  @description('Capacity in thousands of tokens per minute.')
  @minValue(1)
  capacity: int

  @description('Context window in tokens.')
  contextWindow: int

  @description('Largest completion the model accepts, in tokens.')
  maxOutputTokens: int

  @description('US dollars per million input tokens, as a decimal string (Bicep has no decimals).')
  inputPerMillion: string

  @description('US dollars per million cached input tokens.')
  cachedInputPerMillion: string

  @description('US dollars per million output tokens.')
  outputPerMillion: string
}
