-- CreateTable
CREATE TABLE "convene_admin" (
    "tenant_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "granted_by" UUID,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "convene_admin_pkey" PRIMARY KEY ("person_id")
);

-- CreateIndex
CREATE INDEX "convene_admin_tenant_id_idx" ON "convene_admin"("tenant_id");

-- AddForeignKey
ALTER TABLE "convene_admin" ADD CONSTRAINT "convene_admin_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "convene_admin" ADD CONSTRAINT "convene_admin_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

