// What the analyser knows about generative-AI SDKs, as data: which imports
// build clients, which methods of those clients call a model, what they
// produce and which arguments carry the prompt. Names are full dotted paths:
// Python "package.module.Name", JavaScript "package#Export.path".
import type { Modality } from "../analysis/values";

export interface MethodSpec {
  /** Method path relative to the client, dots between segments; compared case- and underscore-insensitively. */
  path: string;
  modality: Modality | "byModel" | "byTask";
  /** Arguments (keyword names, or properties of a JS options object) that hold prompt data. */
  prompt?: readonly string[];
  /** Positional arguments that hold prompt data. */
  positional?: readonly number[];
  /** Arguments that hold the system / developer prompt. */
  system?: readonly string[];
  /** Argument that names the model; defaults to `model`. */
  modelArg?: string | number;
  /** Produces another client type instead of calling a model (sub-clients, chat sessions, engines). */
  returns?: string;
  /** A training / fine-tuning upload (CON003). "purpose" means only with a fine-tune purpose. */
  training?: "always" | "purpose" | "dataset";
  /** The prompt is conversation data a person typed (CON001); false for text-to-speech input and the like. */
  interaction?: boolean;
  /** Inventory name; defaults to `path`. */
  api?: string;
  /** Arguments listing the output modalities (`config.response_modalities=["AUDIO"]`, `modalities=["text", "audio"]`): media there decides the modality. */
  modalityArgs?: readonly string[];
  /** Callback options called with the call's result (`onFinish({ text })`): their parameter carries the output. */
  resultCallbacks?: readonly string[];
  /** Starts a job and returns its handle (a batch), not generated content: listed in the inventory, carrying nothing. */
  job?: boolean;
  /** A tag that the model or client this method `returns` carries (`api:responses` for the Vercel provider's Responses models). */
  tag?: string;
  /**
   * How the provider keeps the exchange: "stored" keeps it unless the call passes `store: false`
   * (OpenAI Responses API); "storeArg" keeps it when the call passes `store: true`.
   */
  retention?: "stored" | "storeArg";
  /** Named groups of argument paths the rules read at the call (`endUser`: the end-user id the provider is given). */
  slots?: Readonly<Record<string, readonly string[]>>;
}

export interface ClientType {
  methods: readonly MethodSpec[];
  /** The value itself is callable as a model (`llm(messages)`, `pipe(prompt)`). */
  callable?: MethodSpec;
}

export interface SdkEntry {
  /** Full-name patterns; `*` matches any run of characters. */
  names: readonly string[];
  provider: string;
  /**
   * "client": constructing or calling it yields a client of `type`. "object": the imported
   * name is itself such a client (module-level clients, Vercel AI providers). "call": calling it calls a model.
   */
  kind: "client" | "object" | "call" | "none";
  type?: string;
  method?: MethodSpec;
  /** Client constructors whose options may point at another OpenAI-compatible host. */
  baseUrlArg?: readonly string[];
  /** For factories like `boto3.client("bedrock-runtime")`: the first argument picks the client type. */
  byFirstArg?: Readonly<Record<string, string>>;
}

const CHAT = ["messages", "prompt", "input", "contents"] as const;

// ---------------------------------------------------------------- end-user ids

/** Arguments that name the end user to the provider (abuse monitoring): OpenAI `user` / `safety_identifier`, Anthropic `metadata.user_id`, request labels keyed `user`. */
const END_USER = {
  openai: { endUser: ["user", "safety_identifier", "safetyIdentifier"] },
  anthropic: { endUser: ["metadata.user_id"] },
  vercel: { endUser: ["providerOptions.openai.user", "providerOptions.openai.safetyIdentifier", "providerOptions.openai.safety_identifier", "providerOptions.anthropic.metadata.userId"] },
  bedrock: { endUser: ["requestMetadata.user", "requestMetadata.user_id", "requestMetadata.userId", "requestMetadata.end_user"] },
  google: { endUser: ["labels.user", "labels.user_id", "labels.userId", "config.labels.user", "config.labels.user_id", "config.labels.userId"] },
} as const;

// ---------------------------------------------------------------- OpenAI-style clients

const OPENAI_METHODS: MethodSpec[] = [
  { path: "chat.completions.create", modality: "text", prompt: ["messages"], interaction: true, modalityArgs: ["modalities"], retention: "storeArg", slots: END_USER.openai },
  { path: "chat.completions.parse", modality: "text", prompt: ["messages"], interaction: true, retention: "storeArg", slots: END_USER.openai },
  { path: "chat.completions.stream", modality: "text", prompt: ["messages"], interaction: true, retention: "storeArg", slots: END_USER.openai },
  { path: "completions.create", modality: "text", prompt: ["prompt"], interaction: true },
  { path: "responses.create", modality: "text", prompt: ["input"], system: ["instructions"], interaction: true, retention: "stored", slots: END_USER.openai },
  { path: "responses.parse", modality: "text", prompt: ["input"], system: ["instructions"], interaction: true, retention: "stored", slots: END_USER.openai },
  { path: "responses.stream", modality: "text", prompt: ["input"], system: ["instructions"], interaction: true, retention: "stored", slots: END_USER.openai },
  { path: "images.generate", modality: "image", prompt: ["prompt"], slots: END_USER.openai },
  { path: "images.edit", modality: "image", prompt: ["prompt"], slots: END_USER.openai },
  { path: "images.createVariation", modality: "image" },
  { path: "audio.speech.create", modality: "audio", prompt: ["input"], system: ["instructions"] },
  { path: "audio.speech.withStreamingResponse.create", modality: "audio", prompt: ["input"] },
  { path: "audio.transcriptions.create", modality: "text", prompt: ["prompt"] },
  { path: "audio.translations.create", modality: "text", prompt: ["prompt"] },
  { path: "videos.create", modality: "video", prompt: ["prompt"] },
  { path: "embeddings.create", modality: "embedding", prompt: ["input"], slots: END_USER.openai },
  { path: "moderations.create", modality: "moderation", prompt: ["input"] },
  { path: "files.create", modality: "training", training: "purpose", api: "files.create" },
  { path: "fineTuning.jobs.create", modality: "training", training: "always" },
  { path: "batches.create", modality: "text", job: true },
  { path: "beta.threads.runs.create", modality: "text", prompt: ["additional_messages", "instructions"], system: ["instructions"], interaction: true },
  { path: "beta.threads.runs.createAndPoll", modality: "text", prompt: ["additional_messages"], system: ["instructions"], interaction: true },
  { path: "beta.threads.runs.stream", modality: "text", prompt: ["additional_messages"], system: ["instructions"], interaction: true },
  { path: "beta.threads.createAndRun", modality: "text", prompt: ["thread"], system: ["instructions"], interaction: true },
  { path: "beta.threads.createAndRunPoll", modality: "text", prompt: ["thread"], system: ["instructions"], interaction: true },
  // Assistants threads: a user message added to a thread is the prompt of the next run; listing the thread reads the replies.
  { path: "beta.threads.messages.create", modality: "text", prompt: ["content"], positional: [1], interaction: true },
  { path: "beta.threads.messages.list", modality: "text" },
  // openai v3 for Node (OpenAIApi) and legacy method names (resolved question 2).
  { path: "createChatCompletion", modality: "text", prompt: ["messages"], interaction: true, slots: END_USER.openai },
  { path: "createCompletion", modality: "text", prompt: ["prompt"], interaction: true },
  { path: "createImage", modality: "image", prompt: ["prompt"] },
  { path: "createImageEdit", modality: "image", prompt: ["prompt"], positional: [2] },
  { path: "createImageVariation", modality: "image" },
  { path: "createEmbedding", modality: "embedding", prompt: ["input"] },
  { path: "createModeration", modality: "moderation", prompt: ["input"] },
  { path: "createTranscription", modality: "text" },
  { path: "createFineTune", modality: "training", training: "always" },
  { path: "createFineTuningJob", modality: "training", training: "always" },
  { path: "createFile", modality: "training", training: "purpose" },
];

/** Python openai<1.0 module-level resources (`openai.ChatCompletion.create`). */
const OPENAI_V0_MODULE: MethodSpec[] = [
  { path: "ChatCompletion.create", modality: "text", prompt: ["messages"], interaction: true },
  { path: "ChatCompletion.acreate", modality: "text", prompt: ["messages"], interaction: true },
  { path: "Completion.create", modality: "text", prompt: ["prompt"], interaction: true },
  { path: "Completion.acreate", modality: "text", prompt: ["prompt"], interaction: true },
  { path: "Image.create", modality: "image", prompt: ["prompt"] },
  { path: "Image.create_edit", modality: "image", prompt: ["prompt"] },
  { path: "Image.create_variation", modality: "image" },
  { path: "Embedding.create", modality: "embedding", prompt: ["input"] },
  { path: "Moderation.create", modality: "moderation", prompt: ["input"] },
  { path: "Audio.transcribe", modality: "text" },
  { path: "Audio.translate", modality: "text" },
  { path: "FineTuningJob.create", modality: "training", training: "always" },
  { path: "FineTune.create", modality: "training", training: "always" },
  { path: "File.create", modality: "training", training: "purpose" },
];

const ANTHROPIC_METHODS: MethodSpec[] = [
  { path: "messages.create", modality: "text", prompt: ["messages"], system: ["system"], interaction: true, slots: END_USER.anthropic },
  { path: "messages.stream", modality: "text", prompt: ["messages"], system: ["system"], interaction: true, slots: END_USER.anthropic },
  { path: "messages.parse", modality: "text", prompt: ["messages"], system: ["system"], interaction: true, slots: END_USER.anthropic },
  { path: "beta.messages.create", modality: "text", prompt: ["messages"], system: ["system"], interaction: true, slots: END_USER.anthropic },
  { path: "beta.messages.stream", modality: "text", prompt: ["messages"], system: ["system"], interaction: true },
  { path: "completions.create", modality: "text", prompt: ["prompt"], interaction: true },
  { path: "messages.batches.create", modality: "text", prompt: ["requests"], interaction: true },
];

const GOOGLE_GENAI_METHODS: MethodSpec[] = [
  { path: "models.generateContent", modality: "text", prompt: ["contents"], system: ["config.systemInstruction", "config.system_instruction"], interaction: true, modalityArgs: ["config.responseModalities", "config.response_modalities"], slots: END_USER.google },
  { path: "models.generateContentStream", modality: "text", prompt: ["contents"], system: ["config.systemInstruction", "config.system_instruction"], interaction: true, modalityArgs: ["config.responseModalities", "config.response_modalities"] },
  { path: "models.generateImages", modality: "image", prompt: ["prompt"] },
  { path: "models.editImage", modality: "image", prompt: ["prompt"] },
  { path: "models.upscaleImage", modality: "image" },
  { path: "models.generateVideos", modality: "video", prompt: ["prompt"] },
  { path: "models.embedContent", modality: "embedding", prompt: ["contents"] },
  { path: "chats.create", modality: "text", returns: "google.chat", system: ["config.systemInstruction", "config.system_instruction"] },
  { path: "tunings.tune", modality: "training", training: "always" },
  { path: "live.connect", modality: "audio", system: ["config.systemInstruction", "config.system_instruction"] },
];

const GOOGLE_CHAT_METHODS: MethodSpec[] = [
  { path: "sendMessage", modality: "text", prompt: ["message", "content"], positional: [0], interaction: true },
  { path: "sendMessageStream", modality: "text", prompt: ["message", "content"], positional: [0], interaction: true },
  { path: "sendMessageAsync", modality: "text", prompt: ["content"], positional: [0], interaction: true },
];

const GOOGLE_MODEL_METHODS: MethodSpec[] = [
  // The request object may carry its own system instruction: `generateContent({ contents, systemInstruction })`.
  { path: "generateContent", modality: "text", prompt: ["contents", "contents"], positional: [0], system: ["systemInstruction", "system_instruction"], interaction: true, modalityArgs: ["generation_config.response_modalities", "generationConfig.responseModalities"], slots: END_USER.google },
  { path: "generateContentAsync", modality: "text", prompt: ["contents"], positional: [0], system: ["systemInstruction", "system_instruction"], interaction: true },
  { path: "generateContentStream", modality: "text", prompt: ["contents"], positional: [0], system: ["systemInstruction", "system_instruction"], interaction: true },
  { path: "startChat", modality: "text", returns: "google.chat" },
  { path: "embedContent", modality: "embedding", positional: [0] },
  { path: "countTokens", modality: "other" },
  { path: "generateImages", modality: "image", prompt: ["prompt"], positional: [0] },
  { path: "predict", modality: "text", prompt: ["prompt"], positional: [0], interaction: true },
];

// ---------------------------------------------------------------- LangChain and LlamaIndex

const RUNNABLE_METHODS: MethodSpec[] = [
  "invoke", "ainvoke", "stream", "astream", "batch", "abatch", "predict", "apredict", "predictMessages", "call", "acall",
  "generate", "agenerate", "run", "arun", "streamEvents", "astreamEvents", "streamLog",
].map((path) => ({ path, modality: "text" as const, prompt: ["input", "messages", "question", "query"], positional: [0], interaction: true, api: path }));

const RUNNABLE_BUILDERS: MethodSpec[] = [
  "withStructuredOutput", "bindTools", "bind", "withConfig", "withRetry", "withFallbacks", "pipe", "withListeners", "configurable_fields", "configurableFields",
].map((path) => ({ path, modality: "text" as const, returns: "langchain.runnable" }));

const LC_EMBEDDING_METHODS: MethodSpec[] = ["embedQuery", "embedDocuments", "aembedQuery", "aembedDocuments"].map((path) => ({ path, modality: "embedding" as const, positional: [0] }));

const LLAMA_LLM_METHODS: MethodSpec[] = ["complete", "acomplete", "chat", "achat", "streamComplete", "streamChat", "astreamComplete", "astreamChat", "predict", "apredict"].map(
  (path) => ({ path, modality: "text" as const, prompt: ["prompt", "messages"], positional: [0], interaction: true }),
);

// ---------------------------------------------------------------- other providers

const HF_INFERENCE_METHODS: MethodSpec[] = [
  { path: "textGeneration", modality: "text", prompt: ["prompt", "inputs"], positional: [0], interaction: true },
  { path: "chatCompletion", modality: "text", prompt: ["messages"], positional: [0], interaction: true },
  { path: "chatCompletionStream", modality: "text", prompt: ["messages"], interaction: true },
  { path: "chat.completions.create", modality: "text", prompt: ["messages"], interaction: true },
  { path: "textToImage", modality: "image", prompt: ["prompt", "inputs"], positional: [0] },
  { path: "imageToImage", modality: "image", prompt: ["prompt"] },
  { path: "textToSpeech", modality: "audio", prompt: ["text", "inputs"], positional: [0] },
  { path: "textToAudio", modality: "audio", prompt: ["text", "inputs"], positional: [0] },
  { path: "textToVideo", modality: "video", prompt: ["prompt", "inputs"], positional: [0] },
  { path: "automaticSpeechRecognition", modality: "text" },
  { path: "summarization", modality: "text", prompt: ["text", "inputs"], positional: [0], interaction: true },
  { path: "translation", modality: "text", prompt: ["text", "inputs"], positional: [0], interaction: true },
  { path: "questionAnswering", modality: "text", prompt: ["question", "inputs"], interaction: true },
  { path: "featureExtraction", modality: "embedding", positional: [0] },
  { path: "sentenceSimilarity", modality: "embedding" },
  { path: "textClassification", modality: "classification" },
  { path: "zeroShotClassification", modality: "classification" },
  { path: "tokenClassification", modality: "classification" },
];

const REPLICATE_METHODS: MethodSpec[] = [
  { path: "run", modality: "byModel", prompt: ["input"], positional: [1], modelArg: 0 },
  { path: "stream", modality: "byModel", prompt: ["input"], positional: [1], modelArg: 0 },
  { path: "async_run", modality: "byModel", prompt: ["input"], positional: [1], modelArg: 0 },
  { path: "predictions.create", modality: "byModel", prompt: ["input"], modelArg: "model" },
  { path: "models.predictions.create", modality: "byModel", prompt: ["input"], modelArg: "model" },
  { path: "deployments.predictions.create", modality: "byModel", prompt: ["input"], modelArg: "deployment" },
  { path: "trainings.create", modality: "training", training: "always" },
];

const OLLAMA_METHODS: MethodSpec[] = [
  { path: "chat", modality: "text", prompt: ["messages"], interaction: true },
  { path: "generate", modality: "text", prompt: ["prompt"], system: ["system"], interaction: true },
  { path: "embeddings", modality: "embedding", prompt: ["prompt"] },
  { path: "embed", modality: "embedding", prompt: ["input"] },
];

const MISTRAL_METHODS: MethodSpec[] = [
  { path: "chat.complete", modality: "text", prompt: ["messages"], interaction: true },
  { path: "chat.completeAsync", modality: "text", prompt: ["messages"], interaction: true },
  { path: "chat.stream", modality: "text", prompt: ["messages"], interaction: true },
  { path: "chat.streamAsync", modality: "text", prompt: ["messages"], interaction: true },
  { path: "chat.parse", modality: "text", prompt: ["messages"], interaction: true },
  { path: "fim.complete", modality: "text", prompt: ["prompt"] },
  { path: "agents.complete", modality: "text", prompt: ["messages"], interaction: true },
  { path: "embeddings.create", modality: "embedding", prompt: ["inputs"] },
  ...["moderate", "moderateChat", "moderateAsync", "moderateChatAsync"].map((m): MethodSpec => ({ path: `classifiers.${m}`, modality: "moderation", prompt: ["inputs"] })),
  ...["classify", "classifyChat", "classifyAsync", "classifyChatAsync"].map((m): MethodSpec => ({ path: `classifiers.${m}`, modality: "classification", prompt: ["inputs"] })),
  { path: "fineTuning.jobs.create", modality: "training", training: "always" },
  // mistralai < 1.0 (MistralClient)
  { path: "chat", modality: "text", prompt: ["messages"], interaction: true },
  { path: "chatStream", modality: "text", prompt: ["messages"], interaction: true },
  { path: "embeddings", modality: "embedding", prompt: ["input"] },
];

const COHERE_METHODS: MethodSpec[] = [
  { path: "chat", modality: "text", prompt: ["message", "messages", "chat_history", "chatHistory"], system: ["preamble"], interaction: true },
  { path: "chatStream", modality: "text", prompt: ["message", "messages", "chat_history", "chatHistory"], system: ["preamble"], interaction: true },
  { path: "generate", modality: "text", prompt: ["prompt"], interaction: true },
  { path: "embed", modality: "embedding", prompt: ["texts"] },
  { path: "rerank", modality: "classification" },
  { path: "classify", modality: "classification" },
];

const ELEVENLABS_METHODS: MethodSpec[] = [
  { path: "textToSpeech.convert", modality: "audio", prompt: ["text"], positional: [1] },
  { path: "textToSpeech.convertAsStream", modality: "audio", prompt: ["text"] },
  { path: "textToSpeech.stream", modality: "audio", prompt: ["text"], positional: [1] },
  { path: "textToSpeech.convertWithTimestamps", modality: "audio", prompt: ["text"] },
  { path: "textToSoundEffects.convert", modality: "audio", prompt: ["text"] },
  { path: "speechToSpeech.convert", modality: "audio" },
  { path: "music.compose", modality: "audio", prompt: ["prompt"] },
  { path: "generate", modality: "audio", prompt: ["text"] },
  { path: "textToVoice.createPreviews", modality: "audio", prompt: ["text", "voice_description"] },
];

const HUGGINGFACE_HUB_METHODS: MethodSpec[] = [
  { path: "uploadFile", modality: "training", training: "dataset" },
  { path: "uploadFolder", modality: "training", training: "dataset" },
  { path: "createCommit", modality: "training", training: "dataset" },
];

export const CLIENT_TYPES: Readonly<Record<string, ClientType>> = {
  "openai.client": { methods: OPENAI_METHODS },
  "openai.module": { methods: [...OPENAI_METHODS, ...OPENAI_V0_MODULE] },
  "anthropic.client": { methods: ANTHROPIC_METHODS },
  "google.genai": { methods: GOOGLE_GENAI_METHODS },
  "google.chat": { methods: GOOGLE_CHAT_METHODS },
  "google.model": { methods: GOOGLE_MODEL_METHODS },
  "google.legacyClient": { methods: [{ path: "getGenerativeModel", modality: "text", returns: "google.model", system: ["systemInstruction"] }] },
  "azure.openaiClient": {
    methods: [
      { path: "getChatCompletions", modality: "text", positional: [1], prompt: ["messages"], modelArg: 0, interaction: true },
      { path: "streamChatCompletions", modality: "text", positional: [1], prompt: ["messages"], modelArg: 0, interaction: true },
      { path: "getCompletions", modality: "text", positional: [1], modelArg: 0, interaction: true },
      { path: "getImages", modality: "image", positional: [1], modelArg: 0 },
      { path: "getEmbeddings", modality: "embedding", positional: [1], modelArg: 0 },
    ],
  },
  "azure.inference": {
    methods: [
      { path: "complete", modality: "text", prompt: ["messages"], interaction: true },
      { path: "embed", modality: "embedding", prompt: ["input"] },
      // REST client: `client.path("/chat/completions").post({ body: { messages } })`.
      { path: "path", modality: "text", returns: "azure.inferenceRoute" },
    ],
  },
  "azure.inferenceRoute": { methods: [{ path: "post", modality: "text", prompt: ["body"], interaction: true, api: "path.post" }] },
  "aws.bedrockRuntime": {
    methods: [
      { path: "invokeModel", modality: "byModel", prompt: ["body"], modelArg: "modelId", interaction: true },
      { path: "invokeModelWithResponseStream", modality: "byModel", prompt: ["body"], modelArg: "modelId", interaction: true },
      { path: "converse", modality: "text", prompt: ["messages"], system: ["system"], modelArg: "modelId", interaction: true, slots: END_USER.bedrock },
      { path: "converseStream", modality: "text", prompt: ["messages"], system: ["system"], modelArg: "modelId", interaction: true, slots: END_USER.bedrock },
    ],
  },
  "aws.bedrock": { methods: [{ path: "createModelCustomizationJob", modality: "training", training: "always" }] },
  "aws.bedrockAgent": {
    methods: [
      { path: "invokeAgent", modality: "text", prompt: ["inputText"], interaction: true },
      { path: "retrieveAndGenerate", modality: "text", prompt: ["input"], interaction: true },
    ],
  },
  "aws.polly": { methods: [{ path: "synthesizeSpeech", modality: "audio", prompt: ["Text", "text"] }] },
  "aws.sdkClient": { methods: [{ path: "send", modality: "other", positional: [0], api: "send" }] },
  "langchain.model": { methods: [...RUNNABLE_METHODS, ...RUNNABLE_BUILDERS], callable: { path: "__call__", modality: "text", positional: [0], prompt: ["messages", "prompt"], interaction: true } },
  "langchain.runnable": { methods: [...RUNNABLE_METHODS, ...RUNNABLE_BUILDERS], callable: { path: "__call__", modality: "text", positional: [0], prompt: ["input", "inputs"], interaction: true } },
  "langchain.embeddings": { methods: LC_EMBEDDING_METHODS },
  "langchain.imageTool": { methods: [{ path: "run", modality: "image", positional: [0] }, { path: "invoke", modality: "image", positional: [0] }] },
  "llamaindex.llm": { methods: LLAMA_LLM_METHODS },
  "llamaindex.index": {
    methods: [
      { path: "asQueryEngine", modality: "text", returns: "llamaindex.queryEngine" },
      { path: "asChatEngine", modality: "text", returns: "llamaindex.chatEngine" },
      { path: "asRetriever", modality: "other", returns: "llamaindex.retriever" },
    ],
  },
  "llamaindex.queryEngine": {
    methods: ["query", "aquery"].map((path) => ({ path, modality: "text" as const, prompt: ["query", "query_str"], positional: [0], interaction: true })),
  },
  "llamaindex.chatEngine": {
    methods: ["chat", "achat", "streamChat", "astreamChat"].map((path) => ({ path, modality: "text" as const, prompt: ["message"], positional: [0], interaction: true })),
  },
  "llamaindex.retriever": { methods: [] },
  "huggingface.inference": { methods: HF_INFERENCE_METHODS },
  "huggingface.hub": { methods: HUGGINGFACE_HUB_METHODS },
  "huggingface.pipeline": { methods: [], callable: { path: "__call__", modality: "byTask", positional: [0], prompt: ["text_inputs", "inputs", "prompt"], interaction: true } },
  "huggingface.model": { methods: [{ path: "generate", modality: "text", positional: [0], prompt: ["input_ids", "inputs"], interaction: true }] },
  "diffusers.image": { methods: [], callable: { path: "__call__", modality: "image", positional: [0], prompt: ["prompt"] } },
  "diffusers.video": { methods: [], callable: { path: "__call__", modality: "video", positional: [0], prompt: ["prompt"] } },
  "diffusers.audio": { methods: [], callable: { path: "__call__", modality: "audio", positional: [0], prompt: ["prompt"] } },
  "replicate.client": { methods: REPLICATE_METHODS },
  "stability.client": { methods: [{ path: "generate", modality: "image", prompt: ["prompt"], positional: [0] }] },
  "elevenlabs.client": { methods: ELEVENLABS_METHODS },
  "ollama.client": { methods: OLLAMA_METHODS },
  "mistral.client": { methods: MISTRAL_METHODS },
  "cohere.client": { methods: COHERE_METHODS },
  "vercel.provider": {
    methods: [
      { path: "image", modality: "image", returns: "vercel.imageModel" },
      { path: "imageModel", modality: "image", returns: "vercel.imageModel" },
      { path: "embedding", modality: "embedding", returns: "vercel.embeddingModel" },
      { path: "textEmbedding", modality: "embedding", returns: "vercel.embeddingModel" },
      { path: "textEmbeddingModel", modality: "embedding", returns: "vercel.embeddingModel" },
      { path: "transcription", modality: "text", returns: "vercel.model" },
      { path: "speech", modality: "audio", returns: "vercel.speechModel" },
      { path: "chat", modality: "text", returns: "vercel.model" },
      { path: "responses", modality: "text", returns: "vercel.model", tag: "api:responses" },
      { path: "completion", modality: "text", returns: "vercel.model" },
      { path: "languageModel", modality: "text", returns: "vercel.model" },
      { path: "video", modality: "video", returns: "vercel.videoModel" },
    ],
    callable: { path: "__call__", modality: "text", returns: "vercel.model" },
  },
  "$promptTemplate": { methods: [{ path: "pipe", modality: "text", returns: "langchain.runnable" }] },
  "vercel.model": { methods: [] },
  "vercel.imageModel": { methods: [] },
  "vercel.embeddingModel": { methods: [] },
  "vercel.speechModel": { methods: [] },
  "vercel.videoModel": { methods: [] },
  "vercel.agent": {
    methods: [
      { path: "generate", modality: "text", prompt: ["prompt", "messages"], interaction: true },
      { path: "stream", modality: "text", prompt: ["prompt", "messages"], interaction: true },
    ],
  },
  "litellm.module": {
    methods: [
      { path: "completion", modality: "text", prompt: ["messages"], interaction: true },
      { path: "acompletion", modality: "text", prompt: ["messages"], interaction: true },
      { path: "text_completion", modality: "text", prompt: ["prompt"], interaction: true },
      { path: "responses", modality: "text", prompt: ["input"], system: ["instructions"], interaction: true },
      { path: "image_generation", modality: "image", prompt: ["prompt"] },
      { path: "speech", modality: "audio", prompt: ["input"] },
      { path: "embedding", modality: "embedding", prompt: ["input"] },
      { path: "transcription", modality: "text" },
    ],
  },
  "dashscope.module": {
    methods: [
      { path: "Generation.call", modality: "text", prompt: ["messages", "prompt"], interaction: true },
      { path: "MultiModalConversation.call", modality: "text", prompt: ["messages"], interaction: true },
      { path: "ImageSynthesis.call", modality: "image", prompt: ["prompt"] },
      { path: "ImageSynthesis.async_call", modality: "image", prompt: ["prompt"] },
      { path: "VideoSynthesis.call", modality: "video", prompt: ["prompt"] },
      { path: "TextEmbedding.call", modality: "embedding", prompt: ["input"] },
    ],
  },
  "datasets.dataset": { methods: [{ path: "pushToHub", modality: "training", training: "always" }] },
};

/** Vercel AI SDK callbacks that receive the finished output (`onFinish({ text })`, `onStepFinish`, `onChunk`). */
const VERCEL_CALLBACKS = ["onFinish", "onStepFinish", "onChunk"] as const;

/** Vercel AI SDK top-level functions (resolved question 2). */
const VERCEL_FUNCTIONS: Array<[string, MethodSpec]> = [
  ["generateText", { path: "generateText", modality: "text", prompt: ["prompt", "messages"], system: ["system"], interaction: true, resultCallbacks: VERCEL_CALLBACKS, slots: END_USER.vercel }],
  ["streamText", { path: "streamText", modality: "text", prompt: ["prompt", "messages"], system: ["system"], interaction: true, resultCallbacks: VERCEL_CALLBACKS, slots: END_USER.vercel }],
  ["generateObject", { path: "generateObject", modality: "text", prompt: ["prompt", "messages"], system: ["system"], interaction: true, resultCallbacks: VERCEL_CALLBACKS, slots: END_USER.vercel }],
  ["streamObject", { path: "streamObject", modality: "text", prompt: ["prompt", "messages"], system: ["system"], interaction: true, resultCallbacks: VERCEL_CALLBACKS, slots: END_USER.vercel }],
  ["experimental_generateImage", { path: "generateImage", modality: "image", prompt: ["prompt"] }],
  ["generateImage", { path: "generateImage", modality: "image", prompt: ["prompt"] }],
  ["experimental_generateSpeech", { path: "generateSpeech", modality: "audio", prompt: ["text"], system: ["instructions"] }],
  ["generateSpeech", { path: "generateSpeech", modality: "audio", prompt: ["text"], system: ["instructions"] }],
  ["experimental_transcribe", { path: "transcribe", modality: "text" }],
  ["transcribe", { path: "transcribe", modality: "text" }],
  ["experimental_generateVideo", { path: "generateVideo", modality: "video", prompt: ["prompt"] }],
  ["generateVideo", { path: "generateVideo", modality: "video", prompt: ["prompt"] }],
  ["embed", { path: "embed", modality: "embedding", prompt: ["value"] }],
  ["embedMany", { path: "embedMany", modality: "embedding", prompt: ["values"] }],
];

const LANGCHAIN_PY_MODULES = ["langchain", "langchain.**", "langchain_*", "langchain_*.**"];
const LANGCHAIN_JS_MODULES = ["langchain/*", "@langchain/*"];

export const SDK_ENTRIES: readonly SdkEntry[] = [
  // Not models: LangChain prompt templates, message classes and histories share the `Chat*` prefix.
  { names: ["**ChatPrompt*", "**ChatMessage*", "**ChatGeneration*", "**ChatResult*", "**Chat*History*", "**ChatSession*", "**ChatPromptValue*", "**ChatPromptTemplate*"], provider: "langchain", kind: "none" },
  // OpenAI and OpenAI-compatible SDKs
  { names: ["openai.OpenAI", "openai.AsyncOpenAI", "openai.Client", "openai.AsyncClient", "openai#", "openai#OpenAI", "openai#default"], provider: "openai", kind: "client", type: "openai.client", baseUrlArg: ["base_url", "baseURL"] },
  { names: ["openai.AzureOpenAI", "openai.AsyncAzureOpenAI", "openai#AzureOpenAI"], provider: "azure", kind: "client", type: "openai.client" },
  { names: ["openai#OpenAIApi"], provider: "openai", kind: "client", type: "openai.client" },
  { names: ["openai"], provider: "openai", kind: "object", type: "openai.module" },
  { names: ["groq.Groq", "groq.AsyncGroq", "groq-sdk#", "groq-sdk#Groq"], provider: "groq", kind: "client", type: "openai.client" },
  { names: ["together.Together", "together.AsyncTogether", "together-ai#", "together-ai#Together"], provider: "together", kind: "client", type: "openai.client" },
  { names: ["fireworks.client.Fireworks", "fireworks.Fireworks"], provider: "fireworks", kind: "client", type: "openai.client" },
  { names: ["cerebras.cloud.sdk.Cerebras", "@cerebras/cerebras_cloud_sdk#"], provider: "cerebras", kind: "client", type: "openai.client" },
  { names: ["zhipuai.ZhipuAI"], provider: "zhipu", kind: "client", type: "openai.client" },
  { names: ["portkey_ai.Portkey", "portkey-ai#", "portkey-ai#Portkey"], provider: "portkey", kind: "client", type: "openai.client" },
  { names: ["@azure/openai#OpenAIClient"], provider: "azure", kind: "client", type: "azure.openaiClient" },
  { names: ["@azure/openai#AzureOpenAI"], provider: "azure", kind: "client", type: "openai.client" },
  { names: ["azure.ai.inference.ChatCompletionsClient", "azure.ai.inference.aio.ChatCompletionsClient", "azure.ai.inference.EmbeddingsClient", "@azure-rest/ai-inference#", "@azure-rest/ai-inference#default"], provider: "azure", kind: "client", type: "azure.inference" },
  // Anthropic
  {
    names: ["anthropic.Anthropic", "anthropic.AsyncAnthropic", "anthropic.Client", "anthropic.AsyncClient", "anthropic.AnthropicBedrock", "anthropic.AnthropicVertex", "anthropic.AsyncAnthropicBedrock", "anthropic.AsyncAnthropicVertex",
      "@anthropic-ai/sdk#", "@anthropic-ai/sdk#Anthropic", "@anthropic-ai/sdk#default", "@anthropic-ai/bedrock-sdk#AnthropicBedrock", "@anthropic-ai/vertex-sdk#AnthropicVertex"],
    provider: "anthropic", kind: "client", type: "anthropic.client",
  },
  // Google
  { names: ["google.genai.Client", "@google/genai#GoogleGenAI"], provider: "google", kind: "client", type: "google.genai" },
  { names: ["google.generativeai.GenerativeModel", "vertexai.generative_models.GenerativeModel", "vertexai.preview.generative_models.GenerativeModel"], provider: "google", kind: "client", type: "google.model" },
  { names: ["vertexai.preview.vision_models.ImageGenerationModel.from_pretrained", "vertexai.vision_models.ImageGenerationModel.from_pretrained"], provider: "google", kind: "client", type: "google.model" },
  { names: ["vertexai.language_models.TextGenerationModel.from_pretrained", "vertexai.language_models.ChatModel.from_pretrained"], provider: "google", kind: "client", type: "google.model" },
  { names: ["@google/generative-ai#GoogleGenerativeAI", "@google-cloud/vertexai#VertexAI"], provider: "google", kind: "client", type: "google.legacyClient" },
  { names: ["google.generativeai.embed_content"], provider: "google", kind: "call", method: { path: "embed_content", modality: "embedding", prompt: ["content"] } },
  // AWS
  {
    names: ["boto3.client", "boto3.Session.client", "boto3.session.Session.client", "aioboto3.Session.client"], provider: "bedrock", kind: "client", type: "aws.other",
    byFirstArg: { "bedrock-runtime": "aws.bedrockRuntime", bedrock: "aws.bedrock", "bedrock-agent-runtime": "aws.bedrockAgent", polly: "aws.polly" },
  },
  { names: ["@aws-sdk/client-bedrock-runtime#BedrockRuntimeClient", "@aws-sdk/client-bedrock-runtime#BedrockRuntime"], provider: "bedrock", kind: "client", type: "aws.sdkClient" },
  { names: ["@aws-sdk/client-bedrock#BedrockClient", "@aws-sdk/client-bedrock-agent-runtime#BedrockAgentRuntimeClient"], provider: "bedrock", kind: "client", type: "aws.sdkClient" },
  { names: ["@aws-sdk/client-polly#PollyClient", "@aws-sdk/client-polly#Polly"], provider: "aws-polly", kind: "client", type: "aws.sdkClient" },
  // Vercel AI SDK. UI packages and provider utilities under @ai-sdk/ are not providers.
  { names: ["@ai-sdk/react#*", "@ai-sdk/vue#*", "@ai-sdk/svelte#*", "@ai-sdk/ui-utils#*", "@ai-sdk/rsc#*", "@ai-sdk/provider#*", "@ai-sdk/provider-utils#*", "@ai-sdk/solid#*"], provider: "vercel-ai", kind: "none" },
  ...VERCEL_FUNCTIONS.map(([name, method]): SdkEntry => ({ names: [`ai#${name}`], provider: "vercel-ai", kind: "call", method })),
  // React Server Components: `streamUI({ text: ({ content }) => <p>{content}</p> })` renders the answer.
  { names: ["ai/rsc#streamUI", "@ai-sdk/rsc#streamUI"], provider: "vercel-ai", kind: "call", method: { path: "streamUI", modality: "text", prompt: ["prompt", "messages"], system: ["system"], interaction: true, resultCallbacks: ["text"] } },
  { names: ["ai#Experimental_Agent", "ai#Agent"], provider: "vercel-ai", kind: "client", type: "vercel.agent" },
  { names: ["@ai-sdk/*#create*", "@openrouter/ai-sdk-provider#createOpenRouter", "ollama-ai-provider#createOllama", "workers-ai-provider#createWorkersAI"], provider: "vercel-ai", kind: "call", method: { path: "createProvider", modality: "text", returns: "vercel.provider" } },
  { names: ["@ai-sdk/*#*", "@openrouter/ai-sdk-provider#openrouter", "ollama-ai-provider#ollama"], provider: "vercel-ai", kind: "object", type: "vercel.provider" },
  // LangChain (Python and JS) and LlamaIndex
  ...LANGCHAIN_PY_MODULES.flatMap((m) => [
    { names: [`${m}.Chat*`, `${m}.AzureChat*`, `${m}.*Chat`, `${m}.*LLM`, `${m}.*Llm`, `${m}.OpenAI`, `${m}.AzureOpenAI`, `${m}.Anthropic`, `${m}.Ollama`, `${m}.VertexAI`, `${m}.Bedrock`, `${m}.BedrockLLM`, `${m}.HuggingFaceEndpoint`, `${m}.HuggingFacePipeline`, `${m}.Cohere`, `${m}.GoogleGenerativeAI`, `${m}.init_chat_model`, `${m}.Replicate`, `${m}.Together`, `${m}.Fireworks`, `${m}.LlamaCpp`, `${m}.GPT4All`],
      provider: "langchain", kind: "client" as const, type: "langchain.model" },
    { names: [`${m}.*Embeddings`], provider: "langchain", kind: "client" as const, type: "langchain.embeddings" },
    { names: [`${m}.DallEAPIWrapper`], provider: "langchain", kind: "client" as const, type: "langchain.imageTool" },
  ]),
  ...LANGCHAIN_JS_MODULES.flatMap((m) => [
    { names: [`${m}#Chat*`, `${m}#AzureChat*`, `${m}#OpenAI`, `${m}#AzureOpenAI`, `${m}#Ollama`, `${m}#Anthropic`, `${m}#GoogleGenerativeAI`, `${m}#Bedrock`, `${m}#Cohere`, `${m}#HuggingFaceInference`, `${m}#initChatModel`, `${m}#Replicate`, `${m}#TogetherAI`, `${m}#Fireworks`],
      provider: "langchain", kind: "client" as const, type: "langchain.model" },
    { names: [`${m}#*Embeddings`], provider: "langchain", kind: "client" as const, type: "langchain.embeddings" },
    { names: [`${m}#DallEAPIWrapper`], provider: "langchain", kind: "client" as const, type: "langchain.imageTool" },
  ]),
  // Agents: their final answer is model output (the tools' results are not).
  { names: ["langchain/agents#AgentExecutor", "langchain.agents.AgentExecutor", "langchain.agents.agent.AgentExecutor"], provider: "langchain", kind: "client", type: "langchain.runnable" },
  {
    names: ["@langchain/langgraph/prebuilt#createReactAgent", "langgraph.prebuilt.create_react_agent", "langgraph.prebuilt.chat_agent_executor.create_react_agent", "langchain.agents.create_agent", "langchain#createAgent"],
    provider: "langchain", kind: "call", method: { path: "createReactAgent", modality: "text", returns: "langchain.runnable" },
  },
  { names: ["llama_index.llms.**.*", "llama_index.core.llms.*", "llamaindex#OpenAI", "llamaindex#Anthropic", "llamaindex#Ollama", "llamaindex#Gemini", "@llamaindex/*#OpenAI", "@llamaindex/*#Anthropic", "@llamaindex/*#Ollama", "@llamaindex/*#Gemini"], provider: "llamaindex", kind: "client", type: "llamaindex.llm" },
  { names: ["llama_index.embeddings.**.*", "llamaindex#OpenAIEmbedding", "@llamaindex/*#OpenAIEmbedding"], provider: "llamaindex", kind: "client", type: "langchain.embeddings" },
  {
    names: ["llama_index.core.VectorStoreIndex.from_documents", "llama_index.core.VectorStoreIndex", "llama_index.core.VectorStoreIndex.from_vector_store", "llama_index.core.SummaryIndex.from_documents", "llama_index.core.load_index_from_storage", "llama_index.VectorStoreIndex.from_documents",
      "llamaindex#VectorStoreIndex.fromDocuments", "llamaindex#VectorStoreIndex.init", "llamaindex#VectorStoreIndex.fromVectorStore", "llamaindex#SummaryIndex.fromDocuments"],
    provider: "llamaindex", kind: "client", type: "llamaindex.index",
  },
  // Hugging Face
  { names: ["huggingface_hub.InferenceClient", "huggingface_hub.AsyncInferenceClient", "@huggingface/inference#HfInference", "@huggingface/inference#InferenceClient"], provider: "huggingface", kind: "client", type: "huggingface.inference" },
  { names: ["huggingface_hub.HfApi"], provider: "huggingface", kind: "client", type: "huggingface.hub" },
  { names: ["huggingface_hub.upload_file", "huggingface_hub.upload_folder", "huggingface_hub.create_commit"], provider: "huggingface", kind: "call", method: { path: "upload_file", modality: "training", training: "dataset" } },
  { names: ["@huggingface/hub#uploadFile", "@huggingface/hub#uploadFiles", "@huggingface/hub#commit"], provider: "huggingface", kind: "call", method: { path: "uploadFile", modality: "training", training: "dataset" } },
  { names: ["transformers.pipeline", "@huggingface/transformers#pipeline", "@xenova/transformers#pipeline"], provider: "huggingface", kind: "client", type: "huggingface.pipeline" },
  { names: ["transformers.AutoModelForCausalLM.from_pretrained", "transformers.AutoModelForSeq2SeqLM.from_pretrained", "transformers.*ForCausalLM.from_pretrained", "transformers.*ForConditionalGeneration.from_pretrained"], provider: "huggingface", kind: "client", type: "huggingface.model" },
  { names: ["diffusers.**Video*Pipeline*", "diffusers.**Video*Pipeline*.from_pretrained", "diffusers.CogVideoX*", "diffusers.CogVideoX*.from_pretrained"], provider: "huggingface", kind: "client", type: "diffusers.video" },
  { names: ["diffusers.**Audio*Pipeline*", "diffusers.**Music*Pipeline*", "diffusers.**Audio*Pipeline*.from_pretrained", "diffusers.**Music*Pipeline*.from_pretrained"], provider: "huggingface", kind: "client", type: "diffusers.audio" },
  { names: ["diffusers.**Pipeline*", "diffusers.**Pipeline*.from_pretrained", "diffusers.**Pipeline*.from_single_file"], provider: "huggingface", kind: "client", type: "diffusers.image" },
  { names: ["datasets.Dataset.*", "datasets.load_dataset", "datasets.DatasetDict"], provider: "huggingface", kind: "client", type: "datasets.dataset" },
  // Replicate, Stability, ElevenLabs, Ollama, Mistral, Cohere, LiteLLM, DashScope
  { names: ["replicate"], provider: "replicate", kind: "object", type: "replicate.client" },
  { names: ["replicate.Client", "replicate.client.Client", "replicate#", "replicate#Replicate", "replicate#default"], provider: "replicate", kind: "client", type: "replicate.client" },
  { names: ["stability_sdk.client.StabilityInference"], provider: "stability", kind: "client", type: "stability.client" },
  { names: ["elevenlabs.client.ElevenLabs", "elevenlabs.client.AsyncElevenLabs", "elevenlabs.ElevenLabs", "elevenlabs.AsyncElevenLabs", "elevenlabs#ElevenLabsClient", "@elevenlabs/elevenlabs-js#ElevenLabsClient"], provider: "elevenlabs", kind: "client", type: "elevenlabs.client" },
  { names: ["elevenlabs"], provider: "elevenlabs", kind: "object", type: "elevenlabs.client" },
  { names: ["ollama", "ollama#", "ollama#default", "ollama/browser#", "ollama/browser#default"], provider: "ollama", kind: "object", type: "ollama.client" },
  { names: ["ollama.Client", "ollama.AsyncClient", "ollama#Ollama", "ollama/browser#Ollama"], provider: "ollama", kind: "client", type: "ollama.client" },
  { names: ["mistralai.Mistral", "mistralai.client.MistralClient", "mistralai.async_client.MistralAsyncClient", "@mistralai/mistralai#Mistral", "@mistralai/mistralai#MistralClient", "@mistralai/mistralai#"], provider: "mistral", kind: "client", type: "mistral.client" },
  { names: ["cohere.Client", "cohere.ClientV2", "cohere.AsyncClient", "cohere.AsyncClientV2", "cohere-ai#CohereClient", "cohere-ai#CohereClientV2"], provider: "cohere", kind: "client", type: "cohere.client" },
  { names: ["litellm"], provider: "litellm", kind: "object", type: "litellm.module" },
  { names: ["dashscope"], provider: "dashscope", kind: "object", type: "dashscope.module" },
];

/** LangChain message constructors and the role they give their content. */
export const MESSAGE_CLASSES: Readonly<Record<string, "system" | "user" | "assistant">> = {
  SystemMessage: "system",
  HumanMessage: "user",
  // Azure AI Inference message models.
  UserMessage: "user",
  AssistantMessage: "assistant",
  DeveloperMessage: "system",
  AIMessage: "assistant",
  SystemMessagePromptTemplate: "system",
  HumanMessagePromptTemplate: "user",
  ChatMessage: "user",
};

/** AWS SDK v3 commands sent through `client.send(new Command(input))`. */
export const AWS_COMMANDS: Readonly<Record<string, MethodSpec>> = {
  ConverseCommand: { path: "ConverseCommand", modality: "text", prompt: ["messages"], system: ["system"], modelArg: "modelId", interaction: true },
  ConverseStreamCommand: { path: "ConverseStreamCommand", modality: "text", prompt: ["messages"], system: ["system"], modelArg: "modelId", interaction: true },
  InvokeModelCommand: { path: "InvokeModelCommand", modality: "byModel", prompt: ["body"], modelArg: "modelId", interaction: true },
  InvokeModelWithResponseStreamCommand: { path: "InvokeModelWithResponseStreamCommand", modality: "byModel", prompt: ["body"], modelArg: "modelId", interaction: true },
  CreateModelCustomizationJobCommand: { path: "CreateModelCustomizationJobCommand", modality: "training", training: "always" },
  InvokeAgentCommand: { path: "InvokeAgentCommand", modality: "text", prompt: ["inputText"], interaction: true },
  RetrieveAndGenerateCommand: { path: "RetrieveAndGenerateCommand", modality: "text", prompt: ["input"], interaction: true },
  SynthesizeSpeechCommand: { path: "SynthesizeSpeechCommand", modality: "audio", prompt: ["Text"] },
};

/** AWS SDK v3 commands that store data when sent (`client.send(new PutCommand({...}))`): the kind of store and where the payload is. */
export const AWS_STORE_COMMANDS: Readonly<Record<string, { category: "db" | "storage"; payload: readonly string[] }>> = {
  PutObjectCommand: { category: "storage", payload: ["Body"] },
  UploadPartCommand: { category: "storage", payload: ["Body"] },
  PutCommand: { category: "db", payload: ["Item"] },
  PutItemCommand: { category: "db", payload: ["Item"] },
  UpdateCommand: { category: "db", payload: ["ExpressionAttributeValues"] },
  UpdateItemCommand: { category: "db", payload: ["ExpressionAttributeValues"] },
  BatchWriteCommand: { category: "db", payload: ["RequestItems"] },
  BatchWriteItemCommand: { category: "db", payload: ["RequestItems"] },
  TransactWriteCommand: { category: "db", payload: ["TransactItems"] },
  TransactWriteItemsCommand: { category: "db", payload: ["TransactItems"] },
};

/** Modules whose commands AWS_STORE_COMMANDS describes. */
export const AWS_STORE_MODULES: ReadonlySet<string> = new Set(["@aws-sdk/client-s3", "@aws-sdk/lib-dynamodb", "@aws-sdk/client-dynamodb"]);

/** Hosts of model APIs reached over plain HTTP, with the modality of their endpoints. */
export interface HostSpec {
  host: string;
  provider: string;
  paths: ReadonlyArray<[string, Modality | "training"]>;
  defaultModality: Modality;
}

export const AI_HOSTS: readonly HostSpec[] = [
  {
    host: "api.openai.com", provider: "openai", defaultModality: "text",
    paths: [["/images", "image"], ["/audio/speech", "audio"], ["/audio/transcriptions", "text"], ["/embeddings", "embedding"], ["/moderations", "moderation"], ["/fine_tuning", "training"], ["/files", "other"], ["/videos", "video"]],
  },
  { host: "*.openai.azure.com", provider: "azure", defaultModality: "text", paths: [["/images", "image"], ["/audio/speech", "audio"], ["/embeddings", "embedding"]] },
  { host: "*.services.ai.azure.com", provider: "azure", defaultModality: "text", paths: [["/embeddings", "embedding"]] },
  { host: "api.anthropic.com", provider: "anthropic", defaultModality: "text", paths: [["/count_tokens", "other"]] },
  { host: "generativelanguage.googleapis.com", provider: "google", defaultModality: "text", paths: [[":predict", "image"], [":embedContent", "embedding"], [":batchEmbedContents", "embedding"], [":predictLongRunning", "video"]] },
  { host: "*aiplatform.googleapis.com", provider: "google", defaultModality: "text", paths: [["imagen", "image"], ["veo", "video"], [":predict", "image"]] },
  { host: "api.groq.com", provider: "groq", defaultModality: "text", paths: [["/audio/speech", "audio"]] },
  { host: "api.mistral.ai", provider: "mistral", defaultModality: "text", paths: [["/embeddings", "embedding"]] },
  { host: "api.cohere.ai", provider: "cohere", defaultModality: "text", paths: [["/embed", "embedding"], ["/rerank", "classification"]] },
  { host: "api.cohere.com", provider: "cohere", defaultModality: "text", paths: [["/embed", "embedding"], ["/rerank", "classification"]] },
  { host: "api.together.xyz", provider: "together", defaultModality: "text", paths: [["/images", "image"], ["/embeddings", "embedding"]] },
  { host: "openrouter.ai", provider: "openrouter", defaultModality: "text", paths: [] },
  { host: "api.deepseek.com", provider: "deepseek", defaultModality: "text", paths: [] },
  { host: "api.x.ai", provider: "xai", defaultModality: "text", paths: [["/images", "image"]] },
  { host: "api.perplexity.ai", provider: "perplexity", defaultModality: "text", paths: [] },
  { host: "api.fireworks.ai", provider: "fireworks", defaultModality: "text", paths: [["/image_generation", "image"]] },
  { host: "api.replicate.com", provider: "replicate", defaultModality: "text", paths: [] },
  { host: "api.stability.ai", provider: "stability", defaultModality: "image", paths: [["video", "video"], ["audio", "audio"]] },
  { host: "api.elevenlabs.io", provider: "elevenlabs", defaultModality: "audio", paths: [["/speech-to-text", "text"]] },
  { host: "api-inference.huggingface.co", provider: "huggingface", defaultModality: "text", paths: [] },
  { host: "router.huggingface.co", provider: "huggingface", defaultModality: "text", paths: [] },
  { host: "*.bedrock-runtime.*.amazonaws.com", provider: "bedrock", defaultModality: "text", paths: [] },
  { host: "bedrock-runtime.*.amazonaws.com", provider: "bedrock", defaultModality: "text", paths: [] },
  { host: "dashscope.aliyuncs.com", provider: "dashscope", defaultModality: "text", paths: [["image-synthesis", "image"], ["embeddings", "embedding"]] },
  { host: "open.bigmodel.cn", provider: "zhipu", defaultModality: "text", paths: [] },
  { host: "localhost:11434", provider: "ollama", defaultModality: "text", paths: [["/api/embed", "embedding"]] },
  { host: "127.0.0.1:11434", provider: "ollama", defaultModality: "text", paths: [["/api/embed", "embedding"]] },
  { host: "fal.run", provider: "fal", defaultModality: "image", paths: [] },
  { host: "queue.fal.run", provider: "fal", defaultModality: "image", paths: [] },
];

/** Prompt-bearing keys inside a raw HTTP request body. */
export const HTTP_PROMPT_KEYS: readonly string[] = ["messages", "prompt", "input", "contents", "inputs", "text", "message", "query"];
export const HTTP_SYSTEM_KEYS: readonly string[] = ["system", "instructions", "system_instruction", "systemInstruction", "preamble"];

/** Replicate and Bedrock model ids name their output: words that say which. */
export function modalityFromModelName(model: string | undefined): Modality {
  if (!model) return "text";
  const m = model.toLowerCase();
  if (/video|zeroscope|stable-video|svd|animatediff|hunyuan-video|kling|luma|minimax\/video|wan-?2|veo|nova-reel|runway|mochi|ltx/.test(m)) return "video";
  if (/musicgen|bark|tts|xtts|speech|audio|riffusion|music|voice|polly|kokoro|elevenlabs/.test(m)) return "audio";
  if (/embed/.test(m)) return "embedding";
  if (/flux|sdxl|stable-diffusion|stability|diffusion|imagen|dall-?e|gpt-image|midjourney|kandinsky|playground|ideogram|recraft|titan-image|nova-canvas|image|photo|sd3|seedream|qwen-image/.test(m)) return "image";
  return "text";
}

/** Transformers pipeline tasks and what they produce. */
export function modalityFromTask(task: string | undefined): Modality {
  if (!task) return "text";
  const t = task.toLowerCase();
  if (/text-to-image|image-to-image/.test(t)) return "image";
  if (/text-to-speech|text-to-audio/.test(t)) return "audio";
  if (/text-to-video/.test(t)) return "video";
  if (/feature-extraction|sentence-similarity|embedding/.test(t)) return "embedding";
  if (/classification|sentiment|^ner$|fill-mask|object-detection|zero-shot|segmentation|depth-estimation/.test(t)) return "classification";
  return "text";
}

export { CHAT as CHAT_PROMPT_KEYS };

/** `purpose` values of a file upload that make it fine-tuning data (resolved question 10); `assistants`, `batch`, `user_data` do not. */
const FINE_TUNE_PURPOSES = new Set(["fine-tune", "fine_tune", "finetune", "fine-tuning", "fine_tuning"]);

export function isFineTunePurpose(purpose: string): boolean {
  return FINE_TUNE_PURPOSES.has(purpose.toLowerCase());
}

