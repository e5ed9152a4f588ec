/** A page's title row: title, a line of help, and actions on the right. */
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export type PageHeaderProps = { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; tags?: ReactNode };

export function PageHeader({ title, subtitle, extra, tags }: PageHeaderProps) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Flex align="center" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tags}
        </Flex>
        {subtitle ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {subtitle}
          </Typography.Text>
        ) : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
