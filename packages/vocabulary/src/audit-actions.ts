import type { Text } from './text';

/**
 * Every action the audit trail records, with what an auditor reads for it. The hub's audit service
 * accepts only these ids, so an action cannot be written without its label.
 */
export const AUDIT_ACTION_LABELS = {
  'alert.acknowledge': { zh: '确认告警', en: 'acknowledge an alert' },
  'alert.resolve': { zh: '关闭告警', en: 'resolve an alert' },
  'alerts.evaluate': { zh: '执行监测评估', en: 'evaluate monitoring' },
  'auth.sign-in-failed': { zh: '登录失败', en: 'refused sign-in' },
  'binding.confirm': { zh: '确认记录匹配', en: 'confirm a match' },
  'binding.reject': { zh: '否决记录匹配', en: 'reject a match' },
  'binding.bind': { zh: '手工绑定记录', en: 'bind a record by hand' },
  'binding.unbind': { zh: '解除记录绑定', en: 'unbind a record' },
  'dispute.raise': { zh: '提出异议', en: 'raise a dispute' },
  'dispute.uphold': { zh: '采纳异议', en: 'uphold a dispute' },
  'dispute.dismiss': { zh: '驳回异议', en: 'dismiss a dispute' },
  'exemption.request': { zh: '申请豁免', en: 'request an exemption' },
  'exemption.approve': { zh: '批准豁免', en: 'approve an exemption' },
  'exemption.reject': { zh: '驳回豁免', en: 'reject an exemption' },
  'exemption.revoke': { zh: '撤销豁免', en: 'revoke an exemption' },
  'history.prune': { zh: '清理历史检查', en: 'prune check history' },
  'pack.publish': { zh: '发布政策规则包版本', en: 'publish a pack version' },
  'pack.pin': { zh: '固定项目适用的规则包版本', en: 'pin a pack version' },
  'rectification.done': { zh: '标记整改完成', en: 'mark a rectification item done' },
  'registry.import': { zh: '导入项目登记表', en: 'import the project registry' },
  'review.apply': { zh: '提交验收审查申请', en: 'apply for review' },
  'review.check': { zh: '执行审查检查', en: 'run the review check' },
  'review.decide': { zh: '作出审查决定', en: 'decide a review' },
  'review.override': { zh: '越过阻断项同意验收', en: 'override blocking findings' },
  'review.opinion.edit': { zh: '修改审查意见', en: 'edit the review opinion' },
  'session.open': { zh: '登录', en: 'sign in' },
  'session.close': { zh: '退出登录', en: 'sign out' },
  'session-key.rotate': { zh: '轮换会话签名密钥', en: 'rotate the session signing key' },
  'session-key.move': { zh: '迁移会话签名密钥', en: 'move the session signing key' },
  'subscription.create': { zh: '新建通知订阅', en: 'create a subscription' },
  'subscription.update': { zh: '修改通知订阅', en: 'update a subscription' },
  'subscription.delete': { zh: '删除通知订阅', en: 'delete a subscription' },
  'subscription.test': { zh: '测试通知订阅', en: 'test a subscription' },
  'token.create': { zh: '签发 API 令牌', en: 'issue an API token' },
  'token.revoke': { zh: '吊销 API 令牌', en: 'revoke an API token' },
  'user.create': { zh: '新建用户', en: 'create a user' },
  'user.update': { zh: '修改用户', en: 'update a user' },
  'user.password-change': { zh: '修改密码', en: 'change a password' },
  'user.password-reset': { zh: '重置密码', en: 'reset a password' },
} as const satisfies Record<string, Text>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];
