import { Alert, Typography } from 'antd';

/**
 * A secret the hub returns exactly once (one-time password, API token): shown in full with a copy
 * button and a warning that it cannot be shown again. The hub keeps only its hash.
 */
export function OneTimeSecret({
  value,
  warning,
  testId,
}: {
  value: string;
  warning: string;
  testId: string;
}) {
  return (
    <div>
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 12 }} />
      <Typography.Paragraph
        copyable={{ text: value }}
        code
        data-testid={testId}
        style={{ fontSize: 15, wordBreak: 'break-all' }}
      >
        {value}
      </Typography.Paragraph>
    </div>
  );
}
