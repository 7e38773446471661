-- CreateTable
CREATE TABLE "oauth_state_nonce" (
    "nonce" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "consumed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oauth_state_nonce_pkey" PRIMARY KEY ("nonce")
);

-- CreateIndex
CREATE INDEX "oauth_state_nonce_expires_at_idx" ON "oauth_state_nonce"("expires_at");

-- CreateIndex
CREATE INDEX "oauth_state_nonce_tenant_id_idx" ON "oauth_state_nonce"("tenant_id");

-- AddForeignKey
ALTER TABLE "oauth_state_nonce" ADD CONSTRAINT "oauth_state_nonce_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

