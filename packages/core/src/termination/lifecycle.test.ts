import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTRACT_STATUSES } from "../contract/entity";
import { allowedContractMoves, CONTRACT_MOVES, contractTransition, type ContractMove, type ContractStatus } from "../contract/lifecycle";
import { contractStatusFor, TERMINATION_MOVES, TERMINATION_STATUSES, terminationTransition } from "./lifecycle";

/** The table from the specification, written out once more by hand: the function must agree with it. */
const EXPECTED: Record<ContractStatus, Partial<Record<ContractMove, ContractStatus | "previous">>> = {
  ACTIVE: { suspend: "SUSPENDED", request: "PENDING_TERMINATION" },
  SUSPENDED: { reinstate: "ACTIVE", request: "PENDING_TERMINATION" },
  PENDING_TERMINATION: { complete: "TERMINATED", cancel: "previous" },
  TERMINATED: {},
  EXPIRED: {},
};

describe("the contract lifecycle", () => {
  for (const status of CONTRACT_STATUSES) {
    for (const move of CONTRACT_MOVES) {
      const expected = EXPECTED[status][move];
      it(`${expected ? "allows" : "refuses"} ${move} from ${status}`, () => {
        const result = contractTransition(status, move, "SUSPENDED");
        if (expected === undefined) {
          expect(result).toEqual({ ok: false, from: status, move, allowed: Object.keys(EXPECTED[status]) });
        } else {
          expect(result).toEqual({ ok: true, from: status, to: expected === "previous" ? "SUSPENDED" : expected });
        }
      });
    }
  }

  it("lets nothing leave TERMINATED", () => {
    expect(allowedContractMoves("TERMINATED")).toEqual([]);
  });

  it("never reaches a state outside the table, whatever sequence of moves is asked", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CONTRACT_MOVES), { maxLength: 60 }), (moves) => {
        let status: ContractStatus = "ACTIVE";
        let previous: "ACTIVE" | "SUSPENDED" = "ACTIVE";
        for (const move of moves) {
          const result = contractTransition(status, move, previous);
          if (!result.ok) {
            expect(result.allowed).not.toContain(move);
            continue;
          }
          const target = EXPECTED[status][move];
          expect(target).toBeDefined();
          expect(result.to).toBe(target === "previous" ? previous : target);
          if (move === "request") previous = status as "ACTIVE" | "SUSPENDED";
          status = result.to;
        }
        expect(CONTRACT_STATUSES).toContain(status);
      }),
    );
  });

  it("returns a cancelled termination's contract to the status it had before the request", () => {
    fc.assert(
      fc.property(fc.constantFrom("ACTIVE" as const, "SUSPENDED" as const), (before) => {
        const requested = contractTransition(before, "request");
        expect(requested.ok && requested.to).toBe("PENDING_TERMINATION");
        expect(contractTransition("PENDING_TERMINATION", "cancel", before)).toMatchObject({ ok: true, to: before });
      }),
    );
  });
});

describe("the termination record's lifecycle", () => {
  it("moves only along PENDING_APPROVAL -> SCHEDULED -> COMPLETED, or to REJECTED / WITHDRAWN", () => {
    const reached = new Set<string>();
    for (const status of TERMINATION_STATUSES) {
      for (const move of TERMINATION_MOVES) {
        const result = terminationTransition(status, move);
        if (result.ok) reached.add(`${status} -${move}-> ${result.to}`);
      }
    }
    expect([...reached].sort()).toEqual(
      [
        "PENDING_APPROVAL -approve-> SCHEDULED",
        "PENDING_APPROVAL -reject-> REJECTED",
        "PENDING_APPROVAL -withdraw-> WITHDRAWN",
        "SCHEDULED -complete-> COMPLETED",
        "SCHEDULED -withdraw-> WITHDRAWN",
      ].sort(),
    );
  });

  it("keeps the contract's status in step with the termination's, for any sequence of moves", () => {
    fc.assert(
      fc.property(fc.constantFrom("ACTIVE" as const, "SUSPENDED" as const), fc.array(fc.constantFrom(...TERMINATION_MOVES), { maxLength: 20 }), (previous, moves) => {
        let termination: (typeof TERMINATION_STATUSES)[number] = "PENDING_APPROVAL";
        let contract: ContractStatus = "PENDING_TERMINATION";
        for (const move of moves) {
          const step = terminationTransition(termination, move);
          if (!step.ok) continue;
          const contractMove: ContractMove = step.to === "COMPLETED" ? "complete" : step.to === "SCHEDULED" ? "request" : "cancel";
          if (step.to !== "SCHEDULED") {
            const moved = contractTransition(contract, contractMove, previous);
            expect(moved.ok).toBe(true);
            if (moved.ok) contract = moved.to;
          }
          termination = step.to;
          expect(contract).toBe(contractStatusFor(termination, previous));
        }
      }),
    );
  });
});
