// Sections, governance dimensions and principles of the Hong Kong
// "Generative AI Technical and Application Guideline" (Digital Policy Office,
// April 2025) that genai-lint cites.
//
// Pure data: no I/O, no editor APIs. Titles (titleZh) are copied exactly from
// the Traditional Chinese text; nothing longer than a title is quoted. English
// titles are our own renderings (the English version of the guideline
// prevails over the Chinese one). Summaries in both languages are written in
// the project's own words for code reviewers, not translations of the text.
//
// Where each section sits in hk-genai-guideline-zh-hk.txt is noted beside it
// ("line N" = the body heading). Sections of the Appendix restart their
// numbering at 1 in the text, with no "附錄" prefix; we prefix their ids with
// "App. " so that, for example, "App. 2.2.1" is not confused with body 2.2.1.

export type SectionId = string; // e.g. "2.2.1", "3.2.1", "App. 2.2.1"

export interface GuidelineSection {
  id: SectionId;
  /** The section title exactly as in the Traditional Chinese text. */
  titleZh: string;
  /** Our English rendering of the title. */
  titleEn: string;
  /** 1-3 sentences, in our own words, of what the section asks of developers/deployers. */
  summaryEn: string;
  /** The same summary in Traditional Chinese (Hong Kong usage), in our own words. */
  summaryZh: string;
}

/**
 * The Digital Policy Office page that publishes the guideline. The Chinese
 * text itself gives no URL.
 */
export const GUIDELINE_URL: string =
  "https://www.digitalpolicy.gov.hk/en/our_work/data_governance/policies_standards/ethical_ai_framework/";

const SECTION_LIST: readonly GuidelineSection[] = [
  // line 516 (table of contents line 70)
  {
    id: "2",
    titleZh: "生成式人工智能治理",
    titleEn: "Generative AI Governance",
    summaryEn:
      "The governance chapter: it first explains what can go wrong with generative AI, then names the five areas any governance effort must cover and the principles that should steer it. The more specific sections below all hang from this frame.",
    summaryZh:
      "治理部分的總綱：先說明生成式人工智能可能出錯之處，再列出治理必須涵蓋的五個範疇及應依循的原則。以下各節的具體要求均以此為框架。",
  },
  // line 518
  {
    id: "2.1",
    titleZh: "生成式人工智能技術的局限和服務風險",
    titleEn: "Limitations and Service Risks of Generative AI Technology",
    summaryEn:
      "Explains why model output cannot be taken at face value (invented facts, bias, opacity, sensitivity to prompt wording, fragile data integrity) and which further risks appear once a model is offered as a service. Code that ships model output should assume it may be wrong, skewed or manipulated.",
    summaryZh:
      "解釋為何不能照單全收模型輸出（例如虛構事實、偏見、運作不透明、對提示字眼過份敏感、數據容易被污染），以及模型包裝成服務後出現的額外風險。交付模型輸出的程式應預設內容可能出錯、偏頗或被操控。",
  },
  // line 520
  {
    id: "2.1.1",
    titleZh: "技術局限",
    titleEn: "Technical Limitations",
    summaryEn:
      "Catalogues the built-in weaknesses of today's models: hallucination, biased behaviour, black-box reasoning, weak arithmetic, unstable answers to small input changes, and threats to the integrity of training data. Deployers should know these limits and surround their data with validation, versioning and audits.",
    summaryZh:
      "列出現時模型的先天弱點：幻覺、行為偏頗、推理過程難以解釋、數理能力弱、輸入稍有改動答案便大變，以及訓練數據被污染或竄改的威脅。部署者應了解這些限制，並為數據加設驗證、版本管理及審計。",
  },
  // line 603; the risk tiers are "表格 1：風險分類系統" at line 675
  {
    id: "2.1.2",
    titleZh: "服務風險",
    titleEn: "Service Risks",
    summaryEn:
      "Sets out a four-tier risk classification (Table 1: unacceptable, high, limited, low) whose obligations grow with the tier, e.g. human oversight for high-risk uses, and transparency plus an opt-out for limited-risk ones. It also names service-level harms: unsafe content, fabricated rumours, jailbreaks that get around safety guardrails, and leaks of user data.",
    summaryZh:
      "提出四級風險分類（表格1：不可接受、高、有限、低），級別愈高責任愈重，例如高風險用途要有人類監督，有限風險則要資訊透明並容許用戶退出。本節亦點出服務層面的危害：不良內容、捏造謠言、繞過安全防護的越獄攻擊，以及用戶資料外洩。",
  },
  // line 740
  {
    id: "2.1.3",
    titleZh: "模型生命週期和人為監督",
    titleEn: "Model Lifecycle and Human Oversight",
    summaryEn:
      "Divides a system's life into four stages (planning and data acquisition, model development, deployment and integration, use and maintenance), assigns risks and duties to each, and then discusses how much human oversight different uses call for.",
    summaryZh:
      "把系統的生命週期分為四個階段（規劃及取得數據、開發模型、部署整合、使用維護），逐一說明各階段的風險與責任，再討論不同用途需要多少人為監督。",
  },
  // line 752 (not in the table of contents)
  {
    id: "2.1.3.1",
    titleZh: "規劃與數據獲取",
    titleEn: "Planning and Data Acquisition",
    summaryEn:
      "Training and fine-tuning data carries poisoning, bias, privacy and copyright risks. Check where data comes from and how good it is, filter harmful material, and get proper authorisation from the people concerned before collecting their data, so user data must not flow into training without consent.",
    summaryZh:
      "訓練及微調用的數據涉及投毒、偏見、私隱及版權風險。應審視數據的來源與質素、過濾有害內容，並在收集他人資料前取得適當授權；換言之，用戶資料未經同意不應流入訓練用途。",
  },
  // line 811 (not in the table of contents)
  {
    id: "2.1.3.2",
    titleZh: "模型開發",
    titleEn: "Model Development",
    summaryEn:
      "While building a model, watch for over- and under-fitting and measure accuracy with suitable metrics. When reusing open-source architectures or weights, follow their licences to avoid intellectual property disputes.",
    summaryZh:
      "開發模型時要留意過度擬合及擬合不足，並以合適指標衡量準確度；如採用開源架構或權重，須遵守其授權條款，以免引起知識產權糾紛。",
  },
  // line 844 (not in the table of contents)
  {
    id: "2.1.3.3",
    titleZh: "部署與集成",
    titleEn: "Deployment and Integration",
    summaryEn:
      "Putting components together can bring instability, security holes and permissions that spread too far. Give each component defined access rights, test the integrated system, and choose carefully where prompts are processed (cloud, self-hosted or on-device), since they may hold confidential or personal data.",
    summaryZh:
      "組件整合可能帶來系統不穩、保安漏洞及權限過寬等問題。應為每個組件界定存取權限、測試整體系統，並因應提示可能載有機密或個人資料，慎選在雲端、自建環境或裝置上處理。",
  },
  // line 890 (not in the table of contents)
  {
    id: "2.1.3.4",
    titleZh: "使用與維護",
    titleEn: "Use and Maintenance",
    summaryEn:
      "Once a service is live, the main risks are harmful output, leaks of personal data (including data pulled in by RAG), unclear copyright and convincing fakes. Generated content should be marked so people can tell it from real material, and a user's activity may be logged only with their consent and kept in line with personal data law.",
    summaryZh:
      "服務上線後，主要風險包括有害輸出、洩露個人資料（包括檢索增強所取用的資料）、版權歸屬不清，以及足以亂真的虛假內容。生成內容應加上標識，方便與真實內容區分；用戶的使用紀錄只可在其同意下保存，並須符合個人資料法規。",
  },
  // line 931 (not in the table of contents)
  {
    id: "2.1.3.5",
    titleZh: "人為監督",
    titleEn: "Human Oversight",
    summaryEn:
      "The more a stage or decision affects people, the more human oversight it needs. Low-impact uses can be AI-assisted with a human checking, while weightier ones should keep a person in charge of the decision with AI only supporting.",
    summaryZh:
      "某個環節或決定對人的影響愈大，就愈需要人為監督。影響輕微的用途可由人工智能協作、由人把關；影響重大的則應由人主導決定，人工智能只作輔助。",
  },
  // line 965 (defines the five dimensions)
  {
    id: "2.2",
    titleZh: "治理的五大維度",
    titleEn: "Five Dimensions of Governance",
    summaryEn:
      "Frames governance as five dimensions (personal data privacy, intellectual property, crime prevention, reliability and trustworthiness, system security), each elaborated in 2.2.1 to 2.2.5. Stakeholders use them to scope their responsibilities and assess risk.",
    summaryZh:
      "把治理框架分為五個維度：個人資料私隱、知識產權、犯罪防治、真實可信、系統安全，並於2.2.1至2.2.5逐一闡述。各持份者可藉此界定自己的責任範圍並評估風險。",
  },
  // line 981
  {
    id: "2.2.1",
    titleZh: "個人資料私隱",
    titleEn: "Personal Data Privacy",
    summaryEn:
      "Personal data is exposed at every step from collection and training to serving users, so privacy has to be protected across the whole lifecycle: purpose and manner of collection, accuracy and retention, use, security, openness, and access and correction, mirroring the PDPO's data protection principles. In code, keep personal data out of prompts, logs and stores unless needed and protected.",
    summaryZh:
      "由收集、訓練到提供服務，每一步都可能令個人資料外露，故私隱保障須貫穿整個生命週期：收集目的與方式、準確性與保存期、使用、保安、透明度，以及查閱和更正，與《私隱條例》的保障資料原則相呼應。在程式中，除非必要並有保護，否則不應把個人資料放進提示、日誌或資料庫。",
  },
  // line 1011
  {
    id: "2.2.2",
    titleZh: "知識產權",
    titleEn: "Intellectual Property",
    summaryEn:
      "Generative AI strains copyright and other IP regimes at the data, training and output stages; whether training on protected works infringes, or is covered by an exception, is still being debated. Developers should know the provenance and licence of their training data and models.",
    summaryZh:
      "生成式人工智能在數據、訓練及輸出各層面都衝擊版權等知識產權制度；以受保護作品作訓練會否侵權、能否獲豁免，仍有爭論。開發者應清楚訓練數據及模型的來源和授權。",
  },
  // line 1026
  {
    id: "2.2.3",
    titleZh: "犯罪防治",
    titleEn: "Crime Prevention",
    summaryEn:
      "AI can make law enforcement sharper, but criminals exploit it too, above all with deepfake audio and video that imitate real people for disinformation and impersonation fraud. For code review, this is why realistic generated media should carry provenance marks that help expose such abuse.",
    summaryZh:
      "人工智能可令執法更有效，但不法分子亦會利用它，尤其是模仿真人樣貌和聲音的深度偽造影音，用作散播假資訊及冒認他人行騙。就程式審查而言，這正是逼真的生成媒體應帶有來源標記、以助揭露濫用的原因。",
  },
  // line 1048
  {
    id: "2.2.4",
    titleZh: "真實可信",
    titleEn: "Reliability and Trustworthiness",
    summaryEn:
      "Trustworthy generative AI behaves consistently and gives dependable results, backed by an accountability framework that makes clear who answers for false, biased or misleading output. Because models are opaque, keeping track of how content was produced matters.",
    summaryZh:
      "可信的生成式人工智能應表現穩定、結果可靠，並有清晰的問責框架，讓輸出出現失實、偏頗或誤導時能分清誰要負責。由於模型運作不透明，記錄內容如何產生尤其重要。",
  },
  // line 1076
  {
    id: "2.2.5",
    titleZh: "系統安全",
    titleEn: "System Security",
    summaryEn:
      "Systems and data must be shielded from unauthorised access and damage; the section singles out leaks of sensitive information, reverse-engineering attacks on models and data poisoning. It expects monitoring, strict security controls, validated data sources and secure transfer channels; for code, that includes keeping credentials and untrusted input away from privileged parts.",
    summaryZh:
      "系統及資料須免受未經授權的存取或破壞；本節特別指出敏感資訊外洩、針對模型的逆向攻擊及數據投毒。應設監察機制、嚴謹保安措施、核實數據來源及安全傳輸渠道；在程式中，這包括不讓憑證外露、不讓不可信輸入進入具權限的部分。",
  },
  // line 1101
  {
    id: "2.3",
    titleZh: "治理的主要原則",
    titleEn: "Key Principles of Governance",
    summaryEn:
      "Sets five principles meant to guide every stakeholder: compliance with the law, security and transparency, accuracy and reliability, fairness and objectivity, and practicality and efficiency (2.3.1 to 2.3.5).",
    summaryZh:
      "訂出五項指導所有持份者的原則：遵守法例、安全透明、準確可靠、公平客觀、實用高效（2.3.1至2.3.5）。",
  },
  // line 1103
  {
    id: "2.3.1",
    titleZh: "遵守法例",
    titleEn: "Compliance with Laws",
    summaryEn:
      "Every step from research to service delivery must comply with Hong Kong law; in particular, training data must be gathered without infringing IP or personal data rights, and models should not produce unlawful content. Stricter rules of a given sector or market apply as well.",
    summaryZh:
      "由研發到提供服務的每一步都必須符合香港法律；尤其是收集訓練語料時不得侵犯知識產權或個人資料，模型亦不應產生違法內容。個別行業或市場要求更嚴的，亦須遵從。",
  },
  // line 1121
  {
    id: "2.3.2",
    titleZh: "安全透明",
    titleEn: "Security and Transparency",
    summaryEn:
      "Risks coming from the model and from the service both need handling. Providers have to tell users plainly about the risks involved and use measures such as encryption and explainable AI; for an application, that starts with letting people know they are reading AI output.",
    summaryZh:
      "模型自身的缺陷與服務環節帶來的風險，兩者都要處理。服務提供者須向用戶清楚說明相關風險，並採用加密及可解釋人工智能等手段；對應用程式而言，第一步就是讓用戶知道眼前的是人工智能的輸出。",
  },
  // line 1154
  {
    id: "2.3.3",
    titleZh: "準確可靠",
    titleEn: "Accuracy and Reliability",
    summaryEn:
      "Developers should cut down hallucination, for example by grounding answers with retrieval (RAG), and services should give users practical ways to check facts, such as source look-ups or comparison tools.",
    summaryZh:
      "開發者應減少幻覺，例如以檢索增強生成（RAG）為答案提供依據；服務亦應為用戶提供實際可行的查證途徑，例如查閱來源或比對工具。",
  },
  // line 1174
  {
    id: "2.3.4",
    titleZh: "公平客觀",
    titleEn: "Fairness and Objectivity",
    summaryEn:
      "Data selection, training and generation should avoid biased or discriminatory output about traits such as belief, politics, nationality, gender, age, ethnicity, health or income, and draw on diverse sources so users are not trapped in echo chambers.",
    summaryZh:
      "選取數據、訓練及生成內容時，應避免在信仰、政見、國籍、性別、年齡、種族、健康或收入等方面出現偏見或歧視，並以多元來源免得用戶困於回音室。",
  },
  // line 1191
  {
    id: "2.3.5",
    titleZh: "實用高效",
    titleEn: "Practicality and Efficiency",
    summaryEn:
      "Developers and providers should keep improving how accurately and efficiently the system serves what users actually mean, and explore uses across tasks and industries.",
    summaryZh:
      "開發者及服務提供者應持續改善系統準確而有效率地回應用戶真正意圖的能力，並探索在不同任務及行業的應用。",
  },
  // line 1206 (the title wraps onto line 1208 there); in one piece in the table of contents, line 120
  {
    id: "3",
    titleZh: "生成式人工智能技術開發者、服務提供者和服務使用者實用指南",
    titleEn: "Practical Guide for Generative AI Technology Developers, Service Providers and Service Users",
    summaryEn:
      "Turns the governance discussion into concrete recommendations for three roles (technology developers, service providers and service users), with a matrix of each role's responsibilities (Table 2).",
    summaryZh:
      "把前述治理討論化為針對三類角色（開發者、服務提供者、用戶）的具體建議，並以表格2列出各角色的責任。",
  },
  // line 1265
  {
    id: "3.1",
    titleZh: "技術開發者：建立完整的開發團隊和正確的工作方式",
    titleEn: "Technology Developers: Building a Complete Development Team and the Right Ways of Working",
    summaryEn:
      "Developers should run dedicated data, algorithm, quality-control and compliance functions, test models against attacks and data leakage, and disclose data sources and evaluation methods where feasible. High-risk generated content such as deepfakes, identity-document images or financial material should carry a watermark or embedded identifier that cannot be removed, so it stays traceable.",
    summaryZh:
      "開發者應設立專責的數據、算法、質控及合規團隊，測試模型抵禦攻擊及防止資料外洩的能力，並在可行時公開數據來源及評估方法。深度偽造、身份證明文件影像、財務資料等高風險生成內容，應嵌入無法移除的浮水印或識別碼，以便追溯。",
  },
  // line 1375
  {
    id: "3.2",
    titleZh: "服務提供者：建立負責任的服務框架和服務建設流程",
    titleEn: "Service Providers: Building a Responsible Service Framework and Service Development Process",
    summaryEn:
      "Service providers should put in place a responsible service framework (3.2.1) and a responsible way of building services that covers procurement, risk assessment, pilots and maintenance (3.2.2).",
    summaryZh:
      "服務提供者應訂立負責任的服務框架（3.2.1），並以負責任的方式建設服務，涵蓋採購、風險評估、試點及維護（3.2.2）。",
  },
  // line 1377
  {
    id: "3.2.1",
    titleZh: "建立負責任的生成式人工智能服務框架",
    titleEn: "Establishing a Responsible Generative AI Service Framework",
    summaryEn:
      "Providers must keep the service compliant (no unlawful output, traceable and auditable, resistant to malicious input, generated images and video labelled), protect user data under the PDPO with encryption, de-identification and explicit consent, keep systems secure with ongoing monitoring and incident plans, and be open about how the service works.",
    summaryZh:
      "服務提供者須確保服務合規：不輸出違法內容、可追溯可審核、防範惡意輸入，並為生成的圖像及視頻加上標識；依《私隱條例》以加密、去識別化及明確同意保障用戶資料；持續監察系統安全並備妥應變方案；並公開說明服務如何運作。",
  },
  // line 1444
  {
    id: "3.2.2",
    titleZh: "負責任的服務建設流程",
    titleEn: "Responsible Service Development Process",
    summaryEn:
      "Covers procurement backed by financial and security agreements, risk assessment at the data, model, scenario and operations levels with independent review and records, small pilots before scaling up, and maintenance that tells users how their personal data is used and gives them a feedback channel.",
    summaryZh:
      "涵蓋：採購時訂立財務及安全協議；從數據、模型、應用場景及營運多層面評估風險，並有獨立評估及紀錄；先以小型試點驗證才擴展；維護時告知用戶其個人資料如何使用，並設回饋渠道。",
  },
  // line 1509
  {
    id: "3.3",
    titleZh: "服務使用者：人工智能有益向善的主動維護者",
    titleEn: "Service Users: Active Guardians of AI for Good",
    summaryEn:
      "Users should use services lawfully, verify output before relying on it, read the terms, say when AI helped create content or decisions, disclose AI origin when publishing, and respect IP. To protect privacy they should keep sensitive personal data out of prompts, prefer services that do not train on what users share, and pseudonymise or anonymise.",
    summaryZh:
      "用戶應合法使用服務、先核實輸出才採用、細閱使用條款、說明內容或決定曾否借助人工智能、公開發布時披露來源，並尊重知識產權。保護私隱方面，應避免在提示中輸入敏感個人資料、選用不以用戶分享內容作訓練的服務，並以假名或匿名方式處理。",
  },
  // Appendix ("附錄", line 1595), section 2: line 1729
  {
    id: "App. 2",
    titleZh: "香港生成式人工智能關鍵治理領域",
    titleEn: "Key Areas of Generative AI Governance in Hong Kong",
    summaryEn:
      "Surveys non-binding frameworks abroad and Hong Kong's existing instruments (the Ethical AI Framework, PCPD guidance, HKMA papers, judiciary guidance) as background for Hong Kong's own approach.",
    summaryZh:
      "回顧海外非約束性的治理框架，以及香港現有文件（如政府的人工智能道德框架、私隱專員公署指引、金管局文件、司法機構指引），作為香港治理取向的背景。",
  },
  // Appendix line 1798
  {
    id: "App. 2.1",
    titleZh: "生成式人工智能之香港治理框架：香港特色",
    titleEn: "Hong Kong Governance Framework for Generative AI: Hong Kong Characteristics",
    summaryEn:
      "Hong Kong aims for a pragmatic balance: existing law such as the PDPO (Cap. 486) already covers many AI issues, a text and data mining copyright exception has been proposed, and sandboxes or self-regulation may be enough for some uses.",
    summaryZh:
      "香港傾向務實平衡：《私隱條例》（第486章）等現行法律已涵蓋不少人工智能議題，版權方面建議引入文本及數據探勘豁免，部分應用可透過沙盒或行業自律處理。",
  },
  // Appendix line 1824
  {
    id: "App. 2.2",
    titleZh: "香港生成式人工智能治理政策框架",
    titleEn: "Hong Kong Generative AI Governance Policy Framework",
    summaryEn:
      "Describes Hong Kong's flexible policy framework, driven by applications and graded by risk, and develops it as application-based (App. 2.2.1) and sector-based (App. 2.2.2) principles.",
    summaryZh:
      "描述香港靈活、按應用出發並按風險分級的政策框架，再分為應用層面（附錄2.2.1）及行業層面（附錄2.2.2）兩組原則。",
  },
  // Appendix line 1845 (not in the table of contents)
  {
    id: "App. 2.2.1",
    titleZh: "以應用為本的香港可信人工智能原則",
    titleEn: "Application-based Principles of Trustworthy AI for Hong Kong",
    summaryEn:
      "Asks for clear system documentation and explainable AI and, to counter deepfakes and abuse of generated content, for mandatory clear labelling and traceability of AI-generated content, together with public education.",
    summaryZh:
      "要求清晰的系統文檔及可解釋人工智能；為應對深度偽造及生成內容被濫用，須強制為人工智能生成內容加上明確標記並確保可追溯，同時加強公眾教育。",
  },
  // Appendix line 1879 (not in the table of contents)
  {
    id: "App. 2.2.2",
    titleZh: "以行業為綱的香港可信人工智能原則",
    titleEn: "Sector-based Principles of Trustworthy AI for Hong Kong",
    summaryEn:
      "Sector notes: finance should offer an opt-out from generative AI or a way to have its decisions reviewed by a person (HKMA circular, 19 August 2024); medicine must warn of possible errors and never treat output as a diagnosis without clinician review; legal output should cite sources; other sectors stress consent, fairness and human checks.",
    summaryZh:
      "按行業提出要點：金融業應盡量讓客戶選擇不用生成式人工智能，或提供由人覆核其決定的渠道（金管局2024年8月19日通告）；醫療須提示內容可能有誤，未經執業人員審核不得當作診斷；法律輸出應附出處；教育、新聞、旅遊、零售、物流及工業則着重同意、公平及人手把關。",
  },
];

function buildSections(list: readonly GuidelineSection[]): Readonly<Record<SectionId, GuidelineSection>> {
  const out: Record<SectionId, GuidelineSection> = Object.create(null) as Record<SectionId, GuidelineSection>;
  for (const section of list) {
    if (Object.hasOwn(out, section.id)) {
      throw new Error(`duplicate guideline section ${section.id}`);
    }
    out[section.id] = Object.freeze({ ...section });
  }
  return Object.freeze(out);
}

export const GUIDELINE_SECTIONS: Readonly<Record<SectionId, GuidelineSection>> = buildSections(SECTION_LIST);

export interface GovernanceDimension {
  id: "privacy" | "ip" | "crime" | "authenticity" | "security";
  nameEn: string;
  nameZh: string;
  /**
   * Sections that substantively address the dimension; the first one is the
   * section of 2.2 that defines it. A section may serve several dimensions
   * (3.2.1 covers privacy, labelling and security, for instance).
   */
  sections: SectionId[];
}

type DimensionId = GovernanceDimension["id"];

// The five dimensions are listed in 2.2 (line 965) and defined in 2.2.1-2.2.5.
const DIMENSION_LIST: GovernanceDimension[] = [
  {
    id: "privacy",
    nameEn: "Personal Data Privacy",
    nameZh: "個人資料私隱",
    // 2.1.3.1 authorisation before collecting data; 2.1.3.4 logs only with consent;
    // 3.2.1 PDPO, de-identification, explicit consent; 3.3 keep personal data out of prompts;
    // App. 2.2.2 sector rules on consent and patient data.
    sections: ["2.2.1", "2.1.3.1", "2.1.3.4", "3.2.1", "3.3", "App. 2.2.2"],
  },
  {
    id: "ip",
    nameEn: "Intellectual Property",
    nameZh: "知識產權",
    // 2.1.3.1 copyrighted training data; 2.1.3.2 licences of models/weights;
    // 2.1.3.4 ownership of output; 3.3 respect IP when publishing.
    sections: ["2.2.2", "2.1.3.1", "2.1.3.2", "2.1.3.4", "3.3"],
  },
  {
    id: "crime",
    nameEn: "Crime Prevention",
    nameZh: "犯罪防治",
    // 2.1.2 rumours, misuse for unlawful ends; 3.1 non-removable marks on high-risk content.
    sections: ["2.2.3", "2.1.2", "3.1"],
  },
  {
    id: "authenticity",
    // 真實可信: our own rendering; published English summaries of the guideline
    // call this dimension "reliability and trustworthiness".
    nameEn: "Reliability and Trustworthiness",
    nameZh: "真實可信",
    // 2.3.2 tell users about risks; 2.1.3.4 mark generated content; 3.1 watermarks;
    // 3.2.1 label generated images/video; 3.3 disclose AI use; App. 2.2.1 labelling and traceability.
    sections: ["2.2.4", "2.3.2", "2.1.3.4", "3.1", "3.2.1", "3.3", "App. 2.2.1"],
  },
  {
    id: "security",
    nameEn: "System Security",
    nameZh: "系統安全",
    // 2.1.2 jailbreaks and data leakage; 2.1.3.3 access control at integration;
    // 3.2.1 ongoing security monitoring and incident plans.
    sections: ["2.2.5", "2.1.2", "2.1.3.3", "3.2.1"],
  },
];

export const GOVERNANCE_DIMENSIONS: readonly GovernanceDimension[] = Object.freeze(
  DIMENSION_LIST.map((d) => Object.freeze(d)),
);

export interface GuidelinePrinciple {
  id: string;
  nameEn: string;
  nameZh: string;
}

// The key principles of governance, 2.3.1-2.3.5 (line 1101 onwards).
const PRINCIPLE_LIST: GuidelinePrinciple[] = [
  { id: "legal-compliance", nameEn: "Compliance with Laws", nameZh: "遵守法例" },
  { id: "security-transparency", nameEn: "Security and Transparency", nameZh: "安全透明" },
  { id: "accuracy-reliability", nameEn: "Accuracy and Reliability", nameZh: "準確可靠" },
  { id: "fairness-objectivity", nameEn: "Fairness and Objectivity", nameZh: "公平客觀" },
  { id: "practicality-efficiency", nameEn: "Practicality and Efficiency", nameZh: "實用高效" },
];

export const GUIDELINE_PRINCIPLES: readonly GuidelinePrinciple[] = Object.freeze(
  PRINCIPLE_LIST.map((p) => Object.freeze(p)),
);

/** Title of a section in the given locale; throws for an unknown section id. */
export function sectionTitle(id: SectionId, locale: "en" | "zh-hk"): string {
  if (!Object.hasOwn(GUIDELINE_SECTIONS, id)) {
    throw new Error(`unknown guideline section: ${id}`);
  }
  const section = GUIDELINE_SECTIONS[id];
  return locale === "zh-hk" ? section.titleZh : section.titleEn;
}

const RULE_DIMENSIONS: Readonly<Record<string, DimensionId>> = Object.freeze({
  // Labelling content as machine-made lets readers judge it (2.2.4, 2.3.2, 3.2.1).
  DIS001: "authenticity",
  // Logging AI interactions needs the user's consent (2.1.3.4): personal data handling.
  CON001: "privacy",
  // An auditable record shows consent was given for a purpose and when: PDPO accountability.
  CON002: "privacy",
  // User data used for training needs authorisation (2.1.3.1, 3.3).
  CON003: "privacy",
  // Embedded marks make synthetic media traceable (3.1, App. 2.2.1); crime prevention is the secondary aim.
  WMK001: "authenticity",
  // Personal data sent to a model provider without redaction (2.2.1, 3.3).
  PII001: "privacy",
  // Personal data hard-coded in AI code (2.2.1).
  PII002: "privacy",
  // Leaked keys give unauthorised access to the AI service (2.2.5).
  SEC001: "security",
  // Request data in the system prompt opens the door to jailbreaks / prompt injection (2.1.2, 2.2.5).
  SEC002: "security",
  // A reasoned suppression keeps review decisions accountable (2.2.4's accountability framework).
  SUP001: "authenticity",
  // Stale suppressions blur the record of what was accepted and why (accountability, 2.2.4).
  SUP002: "authenticity",
  // Interaction data retained by a provider or tracer without consent (2.1.3.4, 3.2.1).
  CON004: "privacy",
  // Re-encoding that strips marks defeats traceability (3.1, App. 2.2.1).
  WMK002: "authenticity",
  // Raw identifiers sent to the provider as end-user ids disclose personal data (2.2.1).
  PII003: "privacy",
  // A redaction set-up that misses Hong Kong identifiers leaves personal data exposed (2.2.1, 3.2.1).
  GRD001: "privacy",
  // Sector duties (human review, "not a diagnosis", cited sources) keep output reliable (App. 2.2.2).
  SEC003: "authenticity",
});

/** The governance dimension a rule serves; throws for an unknown rule id. */
export function dimensionOfRule(ruleId: string): GovernanceDimension["id"] {
  if (!Object.hasOwn(RULE_DIMENSIONS, ruleId)) {
    throw new Error(`no guideline dimension for rule ${ruleId}`);
  }
  return RULE_DIMENSIONS[ruleId];
}

const RULE_PRINCIPLES: Readonly<Record<string, string>> = Object.freeze({
  DIS001: "security-transparency", // users are told the content is AI output (2.3.2)
  CON001: "legal-compliance", // logging personal data needs consent under the PDPO (2.3.1)
  CON002: "legal-compliance", // consent must be demonstrable (2.3.1)
  CON003: "legal-compliance", // training data gathered lawfully (2.3.1 names training corpora)
  WMK001: "security-transparency", // provenance makes generated media transparent (2.3.2)
  PII001: "legal-compliance", // PDPO limits on sharing personal data (2.3.1)
  PII002: "legal-compliance", // personal data held without need (2.3.1)
  SEC001: "security-transparency", // protect the service from unauthorised use (2.3.2)
  SEC002: "security-transparency", // resist manipulation of the model (2.3.2)
  SUP001: "security-transparency", // suppressions stay explainable (2.3.2)
  SUP002: "security-transparency", // the suppression record stays truthful (2.3.2)
  CON004: "legal-compliance", // retention by third parties needs consent (2.3.1)
  WMK002: "security-transparency", // marks must survive processing (2.3.2)
  PII003: "legal-compliance", // identifiers disclosed to a third party (2.3.1)
  GRD001: "legal-compliance", // PDPO protection must cover Hong Kong identifiers (2.3.1)
  SEC003: "accuracy-reliability", // human review and sources for sector output (2.3.3)
});

/** The governance principle (an id of GUIDELINE_PRINCIPLES) a rule serves; throws for an unknown rule id. */
export function principleOfRule(ruleId: string): string {
  if (!Object.hasOwn(RULE_PRINCIPLES, ruleId)) {
    throw new Error(`no guideline principle for rule ${ruleId}`);
  }
  return RULE_PRINCIPLES[ruleId];
}
