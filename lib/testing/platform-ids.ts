/**
 * The eleven commercial platforms every catalogue test expects: the hyperscalers, the data
 * platforms and the model makers' own APIs (not the self-hosted pseudo-platform).
 */
export const COMMERCIAL_PLATFORM_IDS = [
  "aws-bedrock",
  "azure-foundry",
  "gcp-vertex",
  "oci-genai",
  "ibm-watsonx",
  "snowflake-cortex",
  "databricks",
  "openai",
  "anthropic",
  "google-ai",
  "mistral",
] as const;
