/** A one-tap rating of a finished return, with an optional comment. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { portalApi } from '../portal-api.ts';
import { errorText } from '../portal-util.ts';
import { StarIcon } from './icons.tsx';

export type RatingFormProps = { returnId: string; beforeAction: () => Promise<void>; onRated: () => void };

export function RatingForm({ returnId, beforeAction, onRated }: RatingFormProps) {
  const { t } = useTranslation('portal');
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const send = useMutation({
    mutationFn: async () => {
      await beforeAction();
      return portalApi.feedback(returnId, rating, comment);
    },
    onSuccess: onRated,
  });
  return (
    <form
      className="pt-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (rating > 0) send.mutate();
      }}
    >
      <fieldset className="pt-stars">
        <legend className="pt-visually-hidden">{t('rate.title')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={`pt-star${n <= rating ? ' pt-star-on' : ''}`}>
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} className="pt-visually-hidden" />
            <StarIcon size={34} filled={n <= rating} />
            <span className="pt-visually-hidden">{t('rate.stars', { count: n })}</span>
          </label>
        ))}
      </fieldset>
      <p className="pt-center pt-small pt-muted" aria-live="polite">
        {rating > 0 ? t(`rate.word${rating}`) : t('rate.tap')}
      </p>
      {rating > 0 && (
        <>
          <div className="pt-field">
            <label htmlFor="rate-comment">{t('rate.comment')}</label>
            <textarea
              id="rate-comment"
              rows={3}
              maxLength={500}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={t('rate.commentPlaceholder')}
            />
          </div>
          {send.error && (
            <p className="pt-alert pt-alert-error" role="alert">
              {errorText(t, send.error)}
            </p>
          )}
          <button type="submit" className="pt-button pt-button-primary pt-button-block" disabled={send.isPending}>
            {t('rate.submit')}
          </button>
        </>
      )}
    </form>
  );
}
