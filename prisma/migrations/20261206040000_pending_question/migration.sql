-- CreateTable
CREATE TABLE "pending_question" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "requester_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "locale" TEXT,
    "reply_locale" TEXT,
    "channel_id" TEXT NOT NULL,
    "message_id" TEXT,
    "thread_id" TEXT,
    "code" TEXT NOT NULL,
    "question_text" TEXT NOT NULL,
    "options" TEXT[],
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_question_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pending_question_expires_at_idx" ON "pending_question"("expires_at");

-- AddForeignKey
ALTER TABLE "pending_question" ADD CONSTRAINT "pending_question_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_question" ADD CONSTRAINT "pending_question_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_question" ADD CONSTRAINT "pending_question_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- By hand: a question offers a few answers at most (the buttons), and the request text stays bounded.
ALTER TABLE "pending_question" ADD CONSTRAINT "pending_question_bounded"
  CHECK (cardinality("options") BETWEEN 1 AND 5 AND char_length("text") <= 4000);
