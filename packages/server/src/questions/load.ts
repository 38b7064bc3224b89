import type { Answer, Question, QuestionWithAnswers } from '@plaza/contract';
import type { Db } from '../db.ts';
import { findAnswerRows, findQuestionRows, type QuestionRow } from './store.ts';
import { escalatedBefore, toAnswerView, toQuestionView, type QuestionViewpoint } from './view.ts';

/** Rows → views, keeping the rows' order. */
export const toQuestionViews = (rows: readonly QuestionRow[], viewpoint: QuestionViewpoint): Question[] =>
  rows.map((row) => toQuestionView(row, viewpoint));

/** The visible questions with these ids, in the order of `ids`; unknown or invisible ids are left out. */
export async function loadQuestions(db: Db, ids: readonly string[], viewpoint: QuestionViewpoint): Promise<Question[]> {
  const rows = await findQuestionRows(db, ids, viewpoint.viewer?.id ?? null, escalatedBefore(viewpoint));
  const views = new Map(rows.map((row) => [row.id, toQuestionView(row, viewpoint)]));
  return ids.flatMap((id) => views.get(id) ?? []);
}

/** One question with its answers as the viewer sees them, or null when there is none they may see. */
export async function loadQuestionWithAnswers(
  db: Db,
  id: string,
  viewpoint: QuestionViewpoint,
): Promise<QuestionWithAnswers | null> {
  const [question] = await loadQuestions(db, [id], viewpoint);
  if (!question) return null;
  const answers = await findAnswerRows(db, [id], viewpoint.viewer?.id ?? null);
  return { ...question, answers: answers.map((row) => toAnswerView(row, question, viewpoint.viewer)) };
}

/** One answer as the viewer sees it, or null when its question is not visible to them. */
export async function loadAnswer(
  db: Db,
  questionId: string,
  answerId: string,
  viewpoint: QuestionViewpoint,
): Promise<Answer | null> {
  const question = await loadQuestionWithAnswers(db, questionId, viewpoint);
  return question?.answers.find((answer) => answer.id === answerId) ?? null;
}
