// The flow engine: the Engine class with the methods of every part loaded onto it. Import the engine from
// here, never from one of its parts, so that no method is missing.
export { EMPTY_VOCABULARY, Engine, type EngineOptions, type Vocabulary } from "./engineCore";
import "./modules";
import "./handlers";
import "./statements";
import "./expressions";
import "./calls";
import "./sdkCalls";
import "./frameworkCalls";
import "./jsx";
import "./narrowing";
import "./sinks";
import "./consent";
import "./tracked";
import "./state";
import "./injection";
import "./branches";
export { calleeName, dirOf, exprText, wordsOf } from "./helpers";
