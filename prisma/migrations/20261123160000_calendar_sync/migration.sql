-- CreateTable
CREATE TABLE "calendar_watch" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "calendar_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "channel_id" TEXT,
    "resource_id" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "cursor" TEXT,
    "last_message_number" BIGINT,
    "last_sync_at" TIMESTAMPTZ(3),
    "generation" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "calendar_watch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_decision" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "booking_start" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "decided_by" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "calendar_watch_tenant_id_idx" ON "calendar_watch"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_watch_connection_id_calendar_id_key" ON "calendar_watch"("connection_id", "calendar_id");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_watch_provider_channel_id_key" ON "calendar_watch"("provider", "channel_id");

-- CreateIndex
CREATE INDEX "sync_decision_booking_id_person_id_idx" ON "sync_decision"("booking_id", "person_id");

-- AddForeignKey
ALTER TABLE "calendar_watch" ADD CONSTRAINT "calendar_watch_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_watch" ADD CONSTRAINT "calendar_watch_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "calendar_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_decision" ADD CONSTRAINT "sync_decision_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_decision" ADD CONSTRAINT "sync_decision_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

