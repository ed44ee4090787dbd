import type { Socket } from 'socket.io';
import { clientAddress, PEER_ADDRESS_HEADER } from '@/lib/auth/proxies';

/** The browser's IP behind a socket, by the same rule as HTTP requests (trusting only TRUSTED_PROXIES). */
export function socketAddress(socket: Socket): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  return clientAddress(
    new Headers({
      [PEER_ADDRESS_HEADER]: socket.handshake.address,
      ...(typeof forwarded === 'string' ? { 'x-forwarded-for': forwarded } : {}),
    }),
  );
}
