import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/api';

/** The API's description is public: it tells nothing the open-source code does not. */
export function GET(): Response {
  return NextResponse.json(openApiDocument());
}
