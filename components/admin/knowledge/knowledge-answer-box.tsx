'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { BotReply } from '@/lib/bot';
import type { Retrieval } from '@/lib/knowledge';
import { useAdminApi } from '../admin-context';
import { BotReplyView } from '../bot-reply-view';
import { ConfidenceBar } from '../confidence-bar';
import { ErrorNotice } from '../error-notice';
import { inputClass } from '../field-styles';
import { useAction } from '../use-action';

/**
 * Ask as a visitor would: the passages retrieved, how sure the best article answers (against the
 * site's threshold), and the reply.
 */
export function KnowledgeAnswerBox() {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [question, setQuestion] = useState('');
  const [result, setResult] = useState<{ retrieval: Retrieval; reply: BotReply } | null>(null);
  return (
    <div className="space-y-4">
      <form
        className="flex gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          const answer = await run(
            () =>
              api<{ retrieval: Retrieval; reply: BotReply }>('POST', '/knowledge-answer', {
                text: question,
              }),
            { refresh: false },
          );
          if (answer) setResult(answer);
        }}
      >
        <input
          aria-label="Question"
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          placeholder="e.g. how long do returns take?"
          className={inputClass}
        />
        <Button type="submit" disabled={pending || !question.trim()}>
          {pending ? 'Asking…' : 'Ask'}
        </Button>
      </form>
      <ErrorNotice error={error} />
      {result ? (
        <div className="grid gap-4 md:grid-cols-2">
          <div className="space-y-2">
            <h3 className="text-sm font-semibold">
              Retrieved passages{' '}
              <span className="font-normal text-stone-500">
                ({result.retrieval.mode}; the best article answers with{' '}
                {(result.retrieval.confidence * 100).toFixed(0)}% confidence, the site needs{' '}
                {(result.retrieval.threshold * 100).toFixed(0)}%
                {result.retrieval.knows ? '' : ': the articles do not know'})
              </span>
            </h3>
            {result.retrieval.passages.map((passage) => (
              <div key={passage.chunkId} className="rounded border border-stone-200 p-2">
                <ConfidenceBar
                  label={passage.title}
                  value={passage.score}
                  strong={
                    result.retrieval.knows &&
                    passage.articleId === result.retrieval.passages[0].articleId
                  }
                />
                <p className="mt-1 line-clamp-4 text-xs text-stone-600">{passage.text}</p>
              </div>
            ))}
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold">The bot would reply</h3>
            <BotReplyView reply={result.reply} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
