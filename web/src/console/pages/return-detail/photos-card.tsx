/** Photos the customer attached, fetched with the staff token (an <img> cannot send it). */
import { PictureOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Image } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';

type Photo = { id: string; url: string; returnLineId: string | null };

function AuthorizedImage({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    const controller = new AbortController();
    const token = api.tokens.get();
    fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal })
      .then((response) => (response.ok ? response.blob() : null))
      .then((blob) => {
        if (!blob) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return <Image width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} src={src ?? undefined} preview={src ? {} : false} />;
}

export function PhotosCard({ returnId }: { returnId: string }) {
  const { t } = useTranslation('console');
  const photos = useQuery({
    queryKey: ['returns', 'photos', returnId],
    queryFn: ({ signal }) => api.get<{ data: Photo[] }>(`returns/${returnId}/photos`, signal),
    retry: false,
  });
  const list = photos.data?.data ?? [];
  if (list.length === 0) return null;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8}>
          <PictureOutlined />
          {t('detail.photos', { count: list.length })}
        </Flex>
      }
    >
      <Image.PreviewGroup>
        <Flex gap={8} wrap>
          {list.map((photo) => (
            <AuthorizedImage key={photo.id} url={photo.url} />
          ))}
        </Flex>
      </Image.PreviewGroup>
    </Card>
  );
}
