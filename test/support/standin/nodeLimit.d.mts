import type { DocumentNode } from 'graphql';

export const MAX_NODES: number;
export function countNodes(document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): number;
export function countRequests(document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): number;
export function pointCost(document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): number;
