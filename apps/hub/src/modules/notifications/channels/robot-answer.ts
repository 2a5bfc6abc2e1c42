import type { Text } from '@hub/rules';
import { bodySnippet } from '@hub/connectors';
import { DeliveryError } from './channel';
import { type HttpAnswer, httpFailure, parseJsonObject } from './notify-http';

/** What a robot's error code means to an operator, and whether another attempt may succeed. */
export interface RobotErrorCode {
  hint: Text;
  retryable: boolean;
}

/**
 * Reads a group robot's answer: HTTP 200 with `{ errcode, errmsg }`, where only errcode 0 is a
 * success (both DingTalk and WeCom answer 200 to a rejected message). Unknown error codes fail for
 * good: retrying a message the robot refused sends the same refusal.
 */
export function checkRobotAnswer(answer: HttpAnswer, who: Text, codes: Record<number, RobotErrorCode>): void {
  if (answer.status < 200 || answer.status >= 300) throw httpFailure(answer, who);
  const json = parseJsonObject(answer.body);
  const errcode = json && typeof json.errcode === 'number' ? json.errcode : null;
  if (errcode === null) {
    const snippet = bodySnippet(answer.body);
    throw new DeliveryError(
      {
        zh: `${who.zh}应答无法识别（HTTP ${answer.status}）：「${snippet}」`,
        en: `${who.en} answered with an unexpected body (HTTP ${answer.status}): "${snippet}"`,
      },
      true,
    );
  }
  if (errcode === 0) return;
  const errmsg = bodySnippet(typeof json?.errmsg === 'string' ? json.errmsg : '');
  const known = codes[errcode];
  throw new DeliveryError(
    {
      zh: `${who.zh}返回错误 ${errcode}：${errmsg}${known ? `（${known.hint.zh}）` : ''}`,
      en: `${who.en} answered errcode ${errcode}: ${errmsg}${known ? ` (${known.hint.en})` : ''}`,
    },
    known?.retryable ?? false,
  );
}
