// Tandem in Azure, deployed by `teamsapp provision` (arm/deploy in teamsapp.yml). Decisions: docs/adr/0004.
//
// - data storage: the program's tables, reached by the api's managed identity only (shared keys are off)
// - a Static Web App that serves the tab and the add-in pages from one origin (HTTP/2, Brotli, a global edge), with
//   the headers of the staticwebapp.config.json the production build writes (Content-Security-Policy...)
// - runtime storage: the Functions runtime's own storage
// - a Function App (Windows Consumption plan, Node 22) with a system-assigned identity, for the api
// - Key Vault: the Entra app's client secret, for the api's on-behalf-of calls to Microsoft Graph
// - Application Insights on a Log Analytics workspace, fed through the managed identity
//
// Role assignments need Owner, or Contributor plus User Access Administrator, on the resource group.

@description('Prefix of every resource name: 3 to 10 lowercase letters or digits. A hash of the resource group makes the names globally unique.')
@minLength(3)
@maxLength(10)
param resourceBaseName string = 'tandem'

param location string = resourceGroup().location

@description('Client (application) id of the Entra app. Teams and Office SSO tokens (v2) carry it as their audience.')
param aadAppClientId string

@secure()
@description('Client secret of the Entra app, for the api\'s on-behalf-of flow to Microsoft Graph. Kept in Key Vault; empty: none.')
param aadAppClientSecret string = ''

@description('Tenants whose users may call the api: * for any tenant, or comma-separated tenant ids.')
param allowedTenants string = '*'

@description('Redundancy of the data storage account.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param dataStorageSku string = 'Standard_LRS'

@description('Node.js major version of the Functions host on Windows.')
@allowed(['~22', '~20'])
param nodeVersion string = '~22'

@description('Region that holds the Static Web App\'s configuration; its pages are served from a global edge.')
@allowed(['westeurope', 'eastus2', 'centralus', 'westus2', 'eastasia'])
param siteLocation string = 'westeurope'

@description('Plan of the Static Web App: Free, or Standard for its SLA and custom domains with more than one host.')
@allowed(['Free', 'Standard'])
param siteSku string = 'Free'

@description('More origins allowed to call the api, for example a custom domain in front of the static site.')
param extraCorsOrigins array = []

var suffix = uniqueString(resourceGroup().id)
var names = {
  logs: '${resourceBaseName}-logs-${suffix}'
  insights: '${resourceBaseName}-insights-${suffix}'
  dataStorage: toLower('${resourceBaseName}d${suffix}')
  runtimeStorage: toLower('${resourceBaseName}w${suffix}')
  site: '${resourceBaseName}-site-${suffix}'
  // Key Vault names are 3 to 24 characters: a base of 10 leaves room for 12 of the hash.
  vault: take(toLower('${resourceBaseName}kv${suffix}'), 24)
  plan: '${resourceBaseName}-plan-${suffix}'
  api: '${resourceBaseName}-api-${suffix}'
}

// Built-in role definitions (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: names.logs
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry is accepted from Entra-authenticated senders only: the Function App's identity.
    DisableLocalAuth: true
  }
}

// The program's data. The api creates its tables at start-up (ensureTables), which Storage Table Data
// Contributor allows; no key, no SAS: identity only.
resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.dataStorage
  location: location
  kind: 'StorageV2'
  sku: { name: dataStorageSku }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource dataTables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: dataStorage
  name: 'default'
}

// The jobs' queue (ADR 0010): long work (a matching run, a publication's slices) waits here for the queue-triggered
// function. The runtime moves a message that failed its last attempt to the poison queue.
resource dataQueues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: dataStorage
  name: 'default'
}

resource jobsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: dataQueues
  name: 'tandem-jobs'
}

resource jobsPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: dataQueues
  name: '${jobsQueue.name}-poison'
}

// The Functions runtime's storage. Shared keys stay on here: the Consumption plan's content share (Azure Files)
// has no identity option. No program data lives here.
resource runtimeStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.runtimeStorage
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

// The pages: deployed with the SWA CLI and the app's deployment token (teamsapp.yml), not from a repository.
resource site 'Microsoft.Web/staticSites@2023-12-01' = {
  name: names.site
  location: siteLocation
  sku: { name: siteSku, tier: siteSku }
  properties: {
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

var siteDomain = site.properties.defaultHostname
var siteOrigin = 'https://${siteDomain}'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.vault
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource clientSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(aadAppClientSecret)) {
  parent: vault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'functionapp'
  sku: { name: 'Y1', tier: 'Dynamic' }
  properties: {}
}

resource api 'Microsoft.Web/sites@2023-12-01' = {
  name: names.api
  location: location
  kind: 'functionapp'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      use32BitWorkerProcess: false
      // The tab and the task pane run in iframes of their own origin (the static site) inside Teams and Outlook,
      // so that origin is the only caller; Teams and Outlook themselves never call the api.
      cors: {
        allowedOrigins: concat([siteOrigin], extraCorsOrigins)
        supportCredentials: false
      }
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        { name: 'WEBSITE_NODE_DEFAULT_VERSION', value: nodeVersion }
        // azureFunctions/zipDeploy uploads a package that the host runs as is.
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        // The runtime's own storage by identity (keys, leases, diagnostics)...
        { name: 'AzureWebJobsStorage__accountName', value: runtimeStorage.name }
        // ...except the Consumption plan's content share, which only takes a connection string.
        {
          name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'
          value: 'DefaultEndpointsProtocol=https;AccountName=${runtimeStorage.name};AccountKey=${runtimeStorage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
        }
        { name: 'WEBSITE_CONTENTSHARE', value: toLower(names.api) }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        // The api (api/src/config.ts).
        { name: 'TANDEM_MODE', value: 'azure' }
        { name: 'STORAGE_ACCOUNT_URL', value: dataStorage.properties.primaryEndpoints.table }
        // The jobs' queue, by identity: the queue trigger's connection "JobsStorage", which the api sends to as well.
        { name: 'JobsStorage__queueServiceUri', value: dataStorage.properties.primaryEndpoints.queue }
        { name: 'JOBS_QUEUE', value: jobsQueue.name }
        { name: 'AUTH_AUDIENCE', value: aadAppClientId }
        { name: 'AUTH_ALLOWED_TENANTS', value: allowedTenants }
        // For the on-behalf-of flow to Microsoft Graph; the secret stays in Key Vault.
        { name: 'AAD_APP_CLIENT_ID', value: aadAppClientId }
        {
          name: 'AAD_APP_CLIENT_SECRET'
          value: empty(aadAppClientSecret) ? '' : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=aad-app-client-secret)'
        }
      ]
    }
  }
}

resource apiReadsWritesTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: dataStorage
  name: guid(dataStorage.id, api.id, roles.storageTableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The jobs' queue: the api sends to it, and its queue trigger reads, updates and poisons its messages.
resource apiRunsJobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: dataStorage
  name: guid(dataStorage.id, api.id, roles.storageQueueDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// What identity-based AzureWebJobsStorage needs: blobs (keys, leases), queues and tables (diagnostic events).
var runtimeStorageRoles = [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]

resource runtimeStorageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in runtimeStorageRoles: {
    scope: runtimeStorage
    name: guid(runtimeStorage.id, api.id, role)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: api.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource apiReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, api.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource apiSendsTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, api.id, roles.monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Written to env/.env.<env> by arm/deploy, under these names.
output TAB_AZURE_STATIC_WEB_APP_RESOURCE_ID string = site.id
output TAB_DOMAIN string = siteDomain
output TAB_ENDPOINT string = siteOrigin
output API_FUNCTION_RESOURCE_ID string = api.id
output API_ENDPOINT string = 'https://${api.properties.defaultHostName}/api'
