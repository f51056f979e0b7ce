import assert from "node:assert/strict";
import { RestartPolicy } from "../../client/src/restartPolicy";

describe("restart policy of the language client", () => {
  it("restarts at most 5 times within 3 minutes, then gives up", () => {
    let now = 0;
    const policy = new RestartPolicy(5, 180_000, () => now);
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push(policy.shouldRestart());
      now += 10_000;
    }
    assert.deepEqual(answers, [true, true, true, true, true, false]);
  });

  it("forgets crashes older than the window and after a deliberate restart", () => {
    let now = 0;
    const policy = new RestartPolicy(2, 1000, () => now);
    assert.equal(policy.shouldRestart(), true);
    assert.equal(policy.shouldRestart(), true);
    now = 1500;
    assert.equal(policy.shouldRestart(), true, "the first two crashes left the window");
    assert.equal(policy.shouldRestart(), true);
    assert.equal(policy.shouldRestart(), false);
    policy.reset();
    assert.equal(policy.shouldRestart(), true);
  });
});
