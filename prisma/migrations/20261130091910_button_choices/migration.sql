-- AlterTable
ALTER TABLE "Intent" ADD COLUMN     "buttonLabel" TEXT;

-- AlterTable: choices become objects ({ label, intent?, articleId?, action? }); old labels are kept as labels.
ALTER TABLE "Message" ADD COLUMN     "choiceObjects" JSONB NOT NULL DEFAULT '[]';
UPDATE "Message" SET "choiceObjects" = (
  SELECT coalesce(jsonb_agg(jsonb_build_object('label', label) ORDER BY position), '[]'::jsonb)
  FROM unnest("choices") WITH ORDINALITY AS old(label, position)
) WHERE cardinality("choices") > 0;
ALTER TABLE "Message" DROP COLUMN "choices";
ALTER TABLE "Message" RENAME COLUMN "choiceObjects" TO "choices";
