ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
ALTER TABLE orders ADD COLUMN source text DEFAULT 'web';
ALTER TABLE orders ADD COLUMN imported_at timestamptz DEFAULT now();
